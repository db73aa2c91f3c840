/*
 * A real hub for the console's component tests, in a process of its own: happy-dom's
 * environment transforms modules for the browser, which the hub's cannot run under. It
 * listens on a free loopback port, creates one account per role, prints
 * {"port", "accounts"} as one JSON line, and closes (removing its data) on SIGTERM or
 * when its parent's stdin closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadHubConfig } from '@constellation/hub';
import type { Role } from '@constellation/shared';

const dataDir = mkdtempSync(join(tmpdir(), 'constellation-console-'));
const config = loadHubConfig({
  argv: [],
  env: {
    HUB_ID: 'centre-val-de-loire',
    HUB_NAME: 'Echosciences Centre-Val de Loire',
    HUB_REGION: '24',
    HUB_BASE_URL: 'http://hub.test',
    HUB_DATA_DIR: dataDir,
    HUB_JWT_SECRET: 'console-test-secret-long-enough-for-hs256-0123456789',
    HUB_LOG_LEVEL: 'silent',
    // A domain the configuration blocks: the console lists it without a button to unblock it.
    HUB_BLOCKED_DOMAINS: 'blocked-by-config.example',
  },
});
const app = await buildApp(config);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

const roles: Role[] = ['admin', 'moderator', 'contributor', 'member'];
const accounts: Record<string, { id: string; email: string; password: string }> = {};
for (const role of roles) {
  const email = `${role}@console.test`;
  const password = `correct horse battery ${role}`;
  const account = await app.services.accounts.register({ email, password, displayName: `Compte ${role}` }, role);
  accounts[role] = { id: account.id, email, password };
}
process.stdout.write(`${JSON.stringify({ port, accounts })}\n`);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void close());
process.stdin.on('end', () => void close());
process.stdin.resume();
