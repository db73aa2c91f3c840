import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Type, { type Static } from 'typebox';
import { HttpUrl, HubId, RequiredLine, isValid, regions, validate, vocabularySchema } from '@constellation/shared';
import { randomToken } from './ids.ts';

/**
 * Everything a hub needs to know, read once at start from (in order of precedence)
 * command-line flags, the environment and a JSON config file, then checked. Nothing
 * else in the hub reads process.env.
 */
export const HubSettings = Type.Object(
  {
    hubId: HubId,
    name: RequiredLine(200),
    region: vocabularySchema(regions),
    baseUrl: HttpUrl,
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65_535 }),
    dataDir: Type.String({ minLength: 1 }),
    /** Signs access tokens (HS256). At least 32 bytes. */
    jwtSecret: Type.String({ minLength: 1 }),
    aggregatorUrls: Type.Array(HttpUrl, { maxItems: 10 }),
    logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    /** Behind a reverse proxy, trust its X-Forwarded-For so rate limits see the client's address. */
    trustProxy: Type.Boolean(),
    /** Access-token lifetime; the protocol caps it at 15 minutes. */
    accessTokenSeconds: Type.Integer({ minimum: 30, maximum: 900 }),
    refreshTokenDays: Type.Integer({ minimum: 1, maximum: 90 }),
    /** Largest request body, in bytes. */
    bodyLimit: Type.Integer({ minimum: 1_024, maximum: 50 * 1024 * 1024 }),
    /** Largest image upload, in bytes (the JSON bodyLimit does not apply to uploads). */
    mediaMaxBytes: Type.Integer({ minimum: 1_024, maximum: 100 * 1024 * 1024 }),
    /** Largest image upload, in pixels (width x height): a decompression bomb is refused before it is decoded. */
    mediaMaxPixels: Type.Integer({ minimum: 10_000, maximum: 268_402_689 }),
    /** Local development only: lets the guarded fetcher reach loopback and private addresses. */
    allowPrivateNetwork: Type.Boolean(),
    /** The built web app (web/dist) to serve as this hub's portal; absent: the API only. */
    webRoot: Type.Optional(Type.String({ minLength: 1 })),
    /** The MapLibre style the portal's maps use until an admin sets another; absent: Plan IGN, or the bundled offline basemap when it cannot be reached. */
    mapStyle: Type.Optional(HttpUrl),
    /** ActivityPub: domains (and their subdomains) whose servers this hub neither fetches from, delivers to nor hears. */
    blockedDomains: Type.Array(Type.String({ minLength: 1, maxLength: 253, pattern: '^[a-z0-9.-]+$' }), { maxItems: 10_000 }),
    /** The SMTP relay that sends the hub's mail; absent: mail waits in the outbox and a warning says so at start. */
    smtpHost: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    /** Default: 465 with tls, 587 with starttls, 25 with none. */
    smtpPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535 })),
    /** tls: TLS from the first byte (465); starttls: upgrade required (587); none: plain (a local relay or test sink only). */
    smtpSecurity: Type.Enum(['tls', 'starttls', 'none']),
    smtpUser: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
    smtpPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000 })),
    /** The sender of every mail, e.g. "Echosciences Centre <no-reply@example.org>"; required with smtpHost. */
    mailFrom: Type.Optional(Type.String({ minLength: 3, maxLength: 320 })),
  },
  { additionalProperties: false },
);
export type HubConfig = Static<typeof HubSettings>;

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`config ${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

export const MIN_SECRET_BYTES = 32;

const FLAGS = {
  config: { type: 'string' },
  'hub-id': { type: 'string' },
  name: { type: 'string' },
  region: { type: 'string' },
  'base-url': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'jwt-secret': { type: 'string' },
  'aggregator-url': { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'allow-private-network': { type: 'boolean' },
  'web-root': { type: 'string' },
  'map-style': { type: 'string' },
  'blocked-domain': { type: 'string', multiple: true },
  'smtp-host': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-security': { type: 'string' },
  'mail-from': { type: 'string' },
} as const;

/** Maps each setting to its flag and environment variable, for loading and for --help. */
export const SETTING_SOURCES: Record<keyof HubConfig, { flag?: keyof typeof FLAGS; env: string; help: string }> = {
  hubId: { flag: 'hub-id', env: 'HUB_ID', help: 'the hub id, a slug such as centre-val-de-loire' },
  name: { flag: 'name', env: 'HUB_NAME', help: 'the name shown to people' },
  region: { flag: 'region', env: 'HUB_REGION', help: 'INSEE code of the region, e.g. 24' },
  baseUrl: { flag: 'base-url', env: 'HUB_BASE_URL', help: 'public URL of the hub (default http://localhost:<port>)' },
  host: { flag: 'host', env: 'HUB_HOST', help: 'address to listen on (default 127.0.0.1)' },
  port: { flag: 'port', env: 'HUB_PORT', help: 'port to listen on (default 3001)' },
  dataDir: { flag: 'data-dir', env: 'HUB_DATA_DIR', help: 'folder for the SQLite file and keys (default ./data/<hub id>)' },
  jwtSecret: { flag: 'jwt-secret', env: 'HUB_JWT_SECRET', help: 'at least 32 bytes; generated into the data dir when unset' },
  aggregatorUrls: { flag: 'aggregator-url', env: 'HUB_AGGREGATOR_URLS', help: 'aggregators to notify (comma-separated in the environment)' },
  logLevel: { flag: 'log-level', env: 'HUB_LOG_LEVEL', help: 'fatal, error, warn, info (default), debug, trace or silent' },
  trustProxy: { flag: 'trust-proxy', env: 'HUB_TRUST_PROXY', help: 'trust X-Forwarded-For from a reverse proxy' },
  accessTokenSeconds: { env: 'HUB_ACCESS_TOKEN_SECONDS', help: 'access-token lifetime, 30 to 900 (default 900)' },
  refreshTokenDays: { env: 'HUB_REFRESH_TOKEN_DAYS', help: 'refresh-token lifetime in days (default 30)' },
  bodyLimit: { env: 'HUB_BODY_LIMIT', help: 'largest request body in bytes (default 1 MiB)' },
  mediaMaxBytes: { env: 'HUB_MEDIA_MAX_BYTES', help: 'largest image upload in bytes (default 10 MiB)' },
  mediaMaxPixels: { env: 'HUB_MEDIA_MAX_PIXELS', help: 'largest image upload in pixels, width x height (default 50,000,000)' },
  allowPrivateNetwork: { flag: 'allow-private-network', env: 'HUB_ALLOW_PRIVATE_NETWORK', help: 'local development only: fetch from private addresses' },
  webRoot: { flag: 'web-root', env: 'HUB_WEB_ROOT', help: 'folder of the built web app (web/dist) to serve as the portal at /' },
  mapStyle: { flag: 'map-style', env: 'HUB_MAP_STYLE', help: 'MapLibre style URL for the portal maps (default: the Plan IGN style of IGN, the bundled offline basemap when unreachable)' },
  blockedDomains: { flag: 'blocked-domain', env: 'HUB_BLOCKED_DOMAINS', help: 'ActivityPub: domains to refuse and never contact (comma-separated in the environment)' },
  smtpHost: { flag: 'smtp-host', env: 'HUB_SMTP_HOST', help: 'SMTP relay for outgoing mail (unset: mail waits in the outbox)' },
  smtpPort: { flag: 'smtp-port', env: 'HUB_SMTP_PORT', help: 'SMTP port (default 465 with tls, 587 with starttls, 25 with none)' },
  smtpSecurity: { flag: 'smtp-security', env: 'HUB_SMTP_SECURITY', help: 'tls, starttls (default) or none (local relays only)' },
  smtpUser: { env: 'HUB_SMTP_USER', help: 'SMTP user name, with HUB_SMTP_PASSWORD' },
  smtpPassword: { env: 'HUB_SMTP_PASSWORD', help: 'SMTP password (environment or config file only, never a flag)' },
  mailFrom: { flag: 'mail-from', env: 'HUB_MAIL_FROM', help: 'sender address of the hub\'s mail, e.g. "Hub <no-reply@example.org>"' },
};

const NUMBER_SETTINGS = new Set<keyof HubConfig>(['port', 'accessTokenSeconds', 'refreshTokenDays', 'bodyLimit', 'mediaMaxBytes', 'mediaMaxPixels', 'smtpPort']);
const BOOLEAN_SETTINGS = new Set<keyof HubConfig>(['trustProxy', 'allowPrivateNetwork']);

function fromText(key: keyof HubConfig, text: string): unknown {
  if (NUMBER_SETTINGS.has(key)) return /^\d+$/.test(text) ? Number(text) : text;
  if (BOOLEAN_SETTINGS.has(key)) return ['1', 'true', 'yes', 'on'].includes(text.toLowerCase());
  if (key === 'aggregatorUrls' || key === 'blockedDomains') return text.split(',').map((url) => url.trim()).filter((url) => url !== '');
  return text;
}

export interface ConfigSources {
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** Reads and checks the configuration; throws ConfigError naming the setting at fault. */
export function loadHubConfig({ argv = [], env = {}, cwd = process.cwd() }: ConfigSources): HubConfig {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new ConfigError('flags', (error as Error).message);
  }
  const flags = parsed.values as Record<string, unknown>;
  const raw: Record<string, unknown> = {};

  const file = (flags.config as string | undefined) ?? env.HUB_CONFIG;
  if (file !== undefined) {
    const path = resolve(cwd, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigError('config', `cannot read ${path}`);
    }
    let parsedFile: unknown;
    try {
      parsedFile = JSON.parse(text);
    } catch (error) {
      throw new ConfigError('config', `${path} is not valid JSON: ${(error as Error).message}`);
    }
    // Without this check a file holding [..] or "text" was spread into the settings and
    // refused as an unknown field "0", and one holding null or 42 was silently ignored.
    if (parsedFile === null || typeof parsedFile !== 'object' || Array.isArray(parsedFile)) {
      throw new ConfigError('config', `${path} must hold a JSON object of settings`);
    }
    Object.assign(raw, parsedFile);
  }
  for (const [key, source] of Object.entries(SETTING_SOURCES) as [keyof HubConfig, (typeof SETTING_SOURCES)[keyof HubConfig]][]) {
    const fromEnv = env[source.env];
    if (fromEnv !== undefined && fromEnv !== '') raw[key] = fromText(key, fromEnv);
    const fromFlag = source.flag === undefined ? undefined : flags[source.flag];
    if (fromFlag !== undefined) raw[key] = typeof fromFlag === 'string' ? fromText(key, fromFlag) : fromFlag;
  }

  // Only a valid port goes into the default base URL: an out-of-range one (70000) made that
  // URL invalid, and the error named baseUrl, which the operator never set, instead of port.
  const port = typeof raw.port === 'number' && Number.isInteger(raw.port) && raw.port >= 0 && raw.port <= 65_535 ? raw.port : 3001;
  const hubId = typeof raw.hubId === 'string' ? raw.hubId : undefined;
  if (hubId === undefined) throw new ConfigError('hubId', `is required (flag --hub-id or ${SETTING_SOURCES.hubId.env})`);
  if (!isValid(HubId, hubId)) throw new ConfigError('hubId', 'must be lower-case letters and digits joined by single hyphens, 2 to 64 characters');
  const withDefaults: Record<string, unknown> = {
    host: '127.0.0.1',
    port,
    baseUrl: `http://localhost:${port}`,
    dataDir: join('data', hubId),
    aggregatorUrls: [],
    logLevel: 'info',
    trustProxy: false,
    accessTokenSeconds: 900,
    refreshTokenDays: 30,
    bodyLimit: 1024 * 1024,
    mediaMaxBytes: 10 * 1024 * 1024,
    mediaMaxPixels: 50_000_000,
    allowPrivateNetwork: false,
    blockedDomains: [],
    smtpSecurity: 'starttls',
    ...raw,
  };
  withDefaults.dataDir = resolve(cwd, String(withDefaults.dataDir));
  if (typeof withDefaults.webRoot === 'string' && withDefaults.webRoot !== '') withDefaults.webRoot = resolve(cwd, withDefaults.webRoot);
  if (withDefaults.jwtSecret === undefined) withDefaults.jwtSecret = persistedSecret(String(withDefaults.dataDir));

  const checked = validate(HubSettings, withDefaults);
  if (!checked.ok) {
    const issue = checked.issues[0] ?? { field: '', message: 'is invalid' };
    throw new ConfigError(issue.field, issue.message);
  }
  const config = checked.value;
  if (Buffer.byteLength(config.jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigError('jwtSecret', `must be at least ${MIN_SECRET_BYTES} bytes; refusing to start with a guessable secret`);
  }
  checkMail(config);
  return { ...config, baseUrl: config.baseUrl.replace(/\/+$/, '') };
}

/** Mail settings that only make sense together, refused at start rather than at the first send. */
function checkMail(config: HubConfig): void {
  if ((config.smtpUser === undefined) !== (config.smtpPassword === undefined)) {
    throw new ConfigError(config.smtpUser === undefined ? 'smtpUser' : 'smtpPassword', 'smtpUser and smtpPassword go together');
  }
  const smtpOnly = (['smtpPort', 'smtpUser', 'mailFrom'] as const).find((key) => config[key] !== undefined);
  if (config.smtpHost === undefined) {
    if (smtpOnly !== undefined) throw new ConfigError('smtpHost', `is required when ${smtpOnly} is set`);
    return;
  }
  if (config.mailFrom === undefined) throw new ConfigError('mailFrom', 'is required with smtpHost: say who the mail comes from');
  if (!/^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.?[^\s@<>]*>?$/.test(config.mailFrom.trim())) {
    throw new ConfigError('mailFrom', 'must be an address, optionally with a name: "Hub <no-reply@example.org>"');
  }
  if (config.smtpSecurity === 'none' && config.smtpUser !== undefined) {
    throw new ConfigError('smtpSecurity', 'none would send the SMTP password in clear; use tls or starttls');
  }
}

/**
 * A secret generated on first start and kept in the data dir, so a fresh install is
 * secure without set-up and tokens survive restarts.
 */
function persistedSecret(dataDir: string): string {
  const path = join(dataDir, 'jwt-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomToken();
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
