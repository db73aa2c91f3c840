import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoAccounts } from '@constellation/hub';
import { HubProcess, http, type AdminLogin, type Federation, type HubSpec } from './federation.ts';
import { nodeTsArgs, runToEnd } from './processes.ts';
import { freePort } from './redis.ts';

/*
 * The regional portal as a reader meets it: a hub process serving the built web app
 * (HUB_WEB_ROOT) next to its API, inside a Federation (private Redis, aggregator
 * processes). Federation.startHub knows nothing of the web root, so a hub here is a
 * HubProcess whose environment adds it; everything else (data dir, seed, start, stop
 * with the federation) is the Federation's.
 */

/** A hub process that also serves the portal from `webRoot`. */
export class PortalHub extends HubProcess {
  constructor(spec: HubSpec, port: number, dataDir: string, admin: AdminLogin, readonly webRoot: string) {
    super(spec, port, dataDir, admin);
  }

  override env(): Record<string, string> {
    return { ...super.env(), HUB_WEB_ROOT: this.webRoot };
  }

  /** A demo login the seed made (`--demo-accounts`). */
  demo(role: 'admin' | 'moderator' | 'contributor'): AdminLogin {
    const account = demoAccounts(this.id).find((candidate) => candidate.role === role);
    if (account === undefined) throw new Error(`the seed has no demo ${role}`);
    return { email: account.email, password: account.password };
  }
}

/**
 * Seeds a hub with `constellation hub seed --demo-accounts` (so it has content, an admin,
 * a moderator and a contributor with known passwords) and starts it serving the portal;
 * the federation stops it with the rest.
 */
export async function startPortalHub(fed: Federation, spec: HubSpec & { webRoot: string; scale?: number }): Promise<PortalHub> {
  const port = await freePort();
  const dataDir = join(fed.root, 'hubs', spec.id);
  mkdirSync(dataDir, { recursive: true });
  const admin = demoAccounts(spec.id).find((account) => account.role === 'admin');
  if (admin === undefined) throw new Error('the seed has no demo admin');
  const hub = new PortalHub(spec, port, dataDir, { email: admin.email, password: admin.password }, spec.webRoot);
  const seedArgs = ['seed', '--scale', String(spec.scale ?? 0.2), '--seed', '1', '--demo-accounts'];
  await runToEnd(`seed ${spec.id}`, process.execPath, nodeTsArgs('hub/src/main.ts', seedArgs), { env: hub.env() });
  fed.hubs.push(hub);
  await hub.start();
  return hub;
}

/** Logs in through the API; the access token. */
export async function loginToken(baseUrl: string, login: AdminLogin): Promise<string> {
  const answer = await http<{ accessToken: string }>(`${baseUrl}/api/v1/auth/login`, { method: 'POST', body: login });
  if (answer.status !== 200) throw new Error(`login of ${login.email} failed: ${answer.status} ${answer.text}`);
  return answer.body.accessToken;
}
