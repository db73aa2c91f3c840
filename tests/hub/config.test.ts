import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadHubConfig, type HubConfig } from '@constellation/hub';

/*
 * The hub's configuration: read once from flags, the environment and a JSON file (in
 * that order of precedence), checked, and refused with a ConfigError naming the setting
 * at fault. Each test works in its own temporary folder.
 */

const SECRET_32 = 's'.repeat(32);
const REQUIRED = { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Echosciences Centre-Val de Loire', HUB_REGION: '24' };

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'constellation-config-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function load(env: Record<string, string | undefined> = {}, argv: string[] = []): HubConfig {
  return loadHubConfig({ argv, env: { ...REQUIRED, HUB_JWT_SECRET: SECRET_32, ...env }, cwd });
}

/** The ConfigError a configuration is refused with; fails the test if it is accepted. */
function refusal(env: Record<string, string | undefined> = {}, argv: string[] = []): ConfigError {
  try {
    load(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

function file(name: string, text: string): string {
  writeFileSync(join(cwd, name), text);
  return name;
}

describe('the signing secret', () => {
  it.each([
    ['31 ASCII bytes', 'x'.repeat(31)],
    ['15 two-byte characters and one byte (31 bytes)', `${'é'.repeat(15)}x`],
    ['one character', 'x'],
  ])('refuses %s, naming jwtSecret', (_label, secret) => {
    const error = refusal({ HUB_JWT_SECRET: secret });
    expect(error.field).toBe('jwtSecret');
    expect(error.message).toMatch(/^config jwtSecret: .*32 bytes/);
  });

  it.each([
    ['32 ASCII bytes', 'x'.repeat(32)],
    ['16 two-byte characters (32 bytes)', 'é'.repeat(16)],
  ])('accepts %s', (_label, secret) => {
    expect(load({ HUB_JWT_SECRET: secret }).jwtSecret).toBe(secret);
  });

  it('refuses a short secret given as a flag or in the file too', () => {
    expect(refusal({}, ['--jwt-secret', 'too-short']).field).toBe('jwtSecret');
    const config = file('hub.json', JSON.stringify({ jwtSecret: 'too-short' }));
    expect(refusal({ HUB_JWT_SECRET: undefined, HUB_CONFIG: config }).field).toBe('jwtSecret');
  });

  it('with no secret given, generates one into the data dir, private, and reads the same one on the next load', () => {
    const dataDir = join(cwd, 'data');
    const first = load({ HUB_JWT_SECRET: undefined, HUB_DATA_DIR: dataDir });
    const path = join(dataDir, 'jwt-secret');
    expect(readFileSync(path, 'utf8').trim()).toBe(first.jwtSecret);
    expect(Buffer.byteLength(first.jwtSecret)).toBeGreaterThanOrEqual(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const second = load({ HUB_JWT_SECRET: undefined, HUB_DATA_DIR: dataDir });
    expect(second.jwtSecret).toBe(first.jwtSecret);

    const elsewhere = load({ HUB_JWT_SECRET: undefined, HUB_DATA_DIR: join(cwd, 'other-data') });
    expect(elsewhere.jwtSecret).not.toBe(first.jwtSecret);

    // A secret that is given wins over the stored one.
    expect(load({ HUB_DATA_DIR: dataDir }).jwtSecret).toBe(SECRET_32);
  });

  it('refuses a stored secret that is too short', () => {
    const dataDir = join(cwd, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'jwt-secret'), 'short\n');
    expect(refusal({ HUB_JWT_SECRET: undefined, HUB_DATA_DIR: dataDir }).field).toBe('jwtSecret');
  });
});

describe('precedence: flags, then environment, then config file', () => {
  it('a flag beats the environment, which beats the file', () => {
    const config = file('hub.json', JSON.stringify({ name: 'From the file', port: 4000, host: '0.0.0.0' }));
    const all = load({ HUB_CONFIG: config, HUB_NAME: 'From the environment', HUB_PORT: '5000' }, ['--name', 'From a flag']);
    expect(all.name).toBe('From a flag');
    expect(all.port).toBe(5000);
    expect(all.host).toBe('0.0.0.0');

    const withoutFlag = load({ HUB_CONFIG: config, HUB_NAME: 'From the environment' });
    expect(withoutFlag.name).toBe('From the environment');
    expect(withoutFlag.port).toBe(4000);

    const fileOnly = load({ HUB_CONFIG: config, HUB_NAME: undefined });
    expect(fileOnly.name).toBe('From the file');
  });

  it('--config beats HUB_CONFIG', () => {
    const fromEnv = file('env.json', JSON.stringify({ port: 4001 }));
    const fromFlag = file('flag.json', JSON.stringify({ port: 4002 }));
    expect(load({ HUB_CONFIG: fromEnv }, ['--config', fromFlag]).port).toBe(4002);
  });

  it('fills defaults, derives the base URL from the port, and trims its trailing slash', () => {
    const config = load({ HUB_PORT: '4100' });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4100, baseUrl: 'http://localhost:4100', accessTokenSeconds: 900, dataDir: join(cwd, 'data', 'centre-val-de-loire') });
    expect(load({ HUB_BASE_URL: 'https://centre.echosciences.example/' }).baseUrl).toBe('https://centre.echosciences.example');
  });
});

describe('refusals name the setting at fault', () => {
  it.each([
    ['not JSON', 'hub.json', '{ "name": "Centre", }'],
    ['a JSON array', 'hub.json', '["centre-val-de-loire"]'],
    ['a JSON string', 'hub.json', '"centre-val-de-loire"'],
    ['JSON null', 'hub.json', 'null'],
  ])('a config file that is %s names config', (_label, name, text) => {
    const error = refusal({ HUB_CONFIG: file(name, text) });
    expect(error.field).toBe('config');
    expect(error.message).toContain(join(cwd, name));
  });

  it('a config file that cannot be read (missing, or a folder) names config', () => {
    expect(refusal({ HUB_CONFIG: 'missing.json' }).field).toBe('config');
    mkdirSync(join(cwd, 'a-folder.json'));
    expect(refusal({}, ['--config', 'a-folder.json']).field).toBe('config');
  });

  it('an unknown setting in the file is named', () => {
    expect(refusal({ HUB_CONFIG: file('hub.json', JSON.stringify({ colour: 'blue' })) }).field).toBe('colour');
  });

  it('an unknown flag names flags', () => {
    expect(refusal({}, ['--colour', 'blue']).field).toBe('flags');
  });

  it.each([
    ['HUB_REGION', '99', 'region'],
    ['HUB_REGION', 'Bretagne', 'region'],
    ['HUB_PORT', 'http', 'port'],
    ['HUB_PORT', '-1', 'port'],
    ['HUB_PORT', '70000', 'port'],
    ['HUB_BASE_URL', 'ftp://hub.example.org', 'baseUrl'],
    ['HUB_BASE_URL', 'javascript:alert(1)', 'baseUrl'],
    ['HUB_BASE_URL', 'https://admin:secret@hub.example.org', 'baseUrl'],
    ['HUB_BASE_URL', 'hub.example.org', 'baseUrl'],
    ['HUB_ID', 'Centre Val de Loire', 'hubId'],
    ['HUB_ID', 'x', 'hubId'],
    ['HUB_ACCESS_TOKEN_SECONDS', '3600', 'accessTokenSeconds'],
    ['HUB_BODY_LIMIT', '100', 'bodyLimit'],
    ['HUB_LOG_LEVEL', 'loud', 'logLevel'],
  ])('%s=%s names %s', (variable, value, field) => {
    const error = refusal({ [variable]: value });
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`config ${field}: `)).toBe(true);
  });

  it('the same bad values from a flag or the file are named the same way', () => {
    expect(refusal({}, ['--port', '70000']).field).toBe('port');
    expect(refusal({ HUB_CONFIG: file('hub.json', JSON.stringify({ port: 70000 })) }).field).toBe('port');
    // A number where the vocabulary holds the string "24".
    expect(refusal({ HUB_REGION: undefined, HUB_CONFIG: file('hub2.json', JSON.stringify({ region: 24 })) }).field).toBe('region');
    expect(refusal({}, ['--base-url', 'not a url']).field).toBe('baseUrl');
  });

  it('a missing hub id names hubId', () => {
    const error = refusal({ HUB_ID: undefined });
    expect(error.field).toBe('hubId');
    expect(error.message).toContain('HUB_ID');
    expect(refusal({ HUB_ID: '' }).field).toBe('hubId');
  });
});
