// What the demo's servers are told: each hub and the aggregator get their settings through
// the environment, as an operator's would, with the demo's ports, directories and mailbox.
import { join } from 'node:path';

/** The demo polls each hub this often (besides the hubs' notifies), so a missed notify shows up soon. */
const PULL_INTERVAL_MS = 15_000;

/** The environment without the settings of whatever shell ran the demo, which would override the demo's. */
function baseEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(HUB_|AGGREGATOR_)/.test(key)) env[key] = value;
  return env;
}

export function hubEnv(hub, dataDir, nationalUrl, webRoot, smtpPort) {
  return {
    ...baseEnv(),
    HUB_ID: hub.id,
    HUB_NAME: hub.name,
    HUB_REGION: hub.region,
    HUB_PORT: String(hub.port),
    HUB_BASE_URL: hub.url,
    HUB_DATA_DIR: join(dataDir, hub.id),
    HUB_AGGREGATOR_URLS: nationalUrl,
    HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL ?? 'warn',
    // Every mail goes to the demo's mailbox (bin/mail-viewer.js), never to a real address.
    ...(smtpPort === undefined ? {} : { HUB_SMTP_HOST: '127.0.0.1', HUB_SMTP_PORT: String(smtpPort), HUB_SMTP_SECURITY: 'none', HUB_MAIL_FROM: `${hub.name} <no-reply@${hub.id}.example.org>` }),
    // Each hub serves the web app as its regional portal (the same build as the national site).
    ...(webRoot === undefined ? {} : { HUB_WEB_ROOT: webRoot }),
  };
}

export function aggregatorEnv(dataDir, port, redisUrl, webRoot) {
  return {
    ...baseEnv(),
    AGGREGATOR_PORT: String(port),
    AGGREGATOR_PUBLIC_URL: `http://localhost:${port}`,
    AGGREGATOR_DATA_DIR: join(dataDir, 'aggregator'),
    AGGREGATOR_ROLE: 'all',
    // The demo hubs are on localhost, which a production aggregator refuses to reach.
    AGGREGATOR_ALLOW_PRIVATE_NETWORK: '1',
    AGGREGATOR_PULL_INTERVAL_MS: String(PULL_INTERVAL_MS),
    AGGREGATOR_PULL_JITTER_MS: '2000',
    AGGREGATOR_LOG_LEVEL: process.env.AGGREGATOR_LOG_LEVEL ?? 'warn',
    REDIS_URL: redisUrl,
    ...(webRoot === undefined ? {} : { AGGREGATOR_WEB_ROOT: webRoot }),
  };
}
