import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AdminAccounts, AdminInputError } from './admin/admin-accounts.ts';
import { HubAdmin, listHubs } from './admin/hub-admin.ts';
import type { AdminHubView } from './admin/hub-view.ts';
import { PASSWORD_MIN } from './admin/passwords.ts';
import { ConfigError, loadAggregatorConfig, nationalDatabaseFile, SETTING_SOURCES, type AggregatorConfig } from './config.ts';
import { Registry, RegistryError } from './registry/registry.ts';
import { startAggregator } from './server.ts';
import { openCommandServices, openNational, sqliteOnly, type AggregatorServices } from './services.ts';
import { openEngine } from './db/engine.ts';
import { openNationalStore } from './db/client.ts';
import { migratePgStore } from './db/pg/client.ts';
import { importSqliteStore } from './db/pg/import-sqlite.ts';

interface Command {
  /** Positional arguments, by name. */
  args: readonly string[];
  summary: string;
  /** The command's own options, besides the settings. */
  options?: string;
}

const COMMANDS: Record<string, Command> = {
  start: { args: [], summary: 'run the aggregator (--role api, worker or all)' },
  'add-hub': { args: ['url'], summary: 'register a hub by its base URL (its descriptor is fetched; it starts pending)' },
  'approve-hub': { args: ['id'], summary: 'approve a hub: it is scheduled and pulled' },
  'suspend-hub': { args: ['id'], summary: 'suspend a hub: its content leaves the national index at once', options: '--reason TEXT   why (shown to the other operators in the national console)' },
  'remove-hub': { args: ['id'], summary: 'remove a hub and everything it served' },
  'refresh-hub': { args: ['id'], summary: "read a hub's descriptor again and pin its current keys" },
  hubs: { args: [], summary: 'list the hubs: status, last success, lag, last error' },
  'create-admin': {
    args: [],
    summary: 'create an admin (or set a new password for one)',
    options: `--email EMAIL [--password-stdin]   the password (${PASSWORD_MIN}+ characters) from stdin, or AGGREGATOR_ADMIN_PASSWORD`,
  },
  migrate: { args: [], summary: 'bring the national store\'s schema up to date (PostgreSQL: the one deployment step before starting new versions)' },
  'import-store': {
    args: ['file'],
    summary: 'copy a SQLite national store (a backup, or the file of a stopped aggregator) whole into the empty PostgreSQL store of AGGREGATOR_DATABASE_URL',
  },
  backup: { args: ['file'], summary: "copy the national store to a new file with SQLite's online backup (safe while running)" },
  restore: {
    args: ['file'],
    summary: 'replace the national store with a backup (stop the aggregator first); migrations then run on it',
    options: '--force   confirms that the current national store is replaced',
  },
};

function settingsHelp(): string {
  return Object.values(SETTING_SOURCES)
    .map((source) => `  ${`--${source.flag}`.padEnd(26)} ${source.env.padEnd(32)} ${source.help}`)
    .join('\n');
}

const SETTINGS_HELP = () => `Settings (flag, environment variable; flags win, then the environment, then --config FILE):
  ${'--config FILE'.padEnd(26)} ${'AGGREGATOR_CONFIG'.padEnd(32)} a JSON file with any of the settings below
${settingsHelp()}`;

export function aggregatorUsage(): string {
  return `Usage: constellation aggregator <command> [arguments] [settings]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${`${name}${command.args.map((arg) => ` <${arg}>`).join('')}`.padEnd(22)} ${command.summary}`)
  .join('\n')}

Registry commands work on the national store directly (no server needed); when Redis is
reachable they also update the pull schedules, otherwise the worker does at its next start.
Run \`constellation aggregator <command> --help\` for a command's arguments.

${SETTINGS_HELP()}`;
}

function commandUsage(name: string, command: Command): string {
  const args = command.args.map((arg) => ` <${arg}>`).join('');
  return `Usage: constellation aggregator ${name}${args}${command.options === undefined ? '' : ' [options]'} [settings]

${command.summary}
${command.options === undefined ? '' : `\nOptions:\n  ${command.options}\n`}
${SETTINGS_HELP()}`;
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  stdin: () => string;
}

const defaultIo = (env: Readonly<Record<string, string | undefined>>): CliIo => ({
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env,
  stdin: () => readFileSync(0, 'utf8'),
});

/** A mistake in how the command was called: exit 2. */
class UsageError extends Error {}

/** Splits positionals and the command's own options from the settings flags (which loadAggregatorConfig checks). */
function split(argv: readonly string[], own: { values: readonly string[]; booleans: readonly string[] }): { positionals: string[]; options: Record<string, string | true>; settings: string[] } {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  const settings: string[] = [];
  const booleanSettings = new Set(Object.values(SETTING_SOURCES).filter((source) => source.kind === 'boolean').map((source) => source.flag));
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (own.booleans.includes(name)) {
      options[name] = true;
    } else if (own.values.includes(name)) {
      const value = inline ?? argv[(index += 1)];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else {
      settings.push(arg);
      // A settings flag's value travels with it (unless boolean or given inline).
      if (inline === undefined && !booleanSettings.has(name) && index + 1 < argv.length) settings.push(argv[(index += 1)] ?? '');
    }
  }
  return { positionals, options, settings };
}

/** `constellation aggregator ...`; returns the exit code (the process keeps running after `start`). */
export async function runAggregatorCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env, io: CliIo = defaultIo(env)): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(aggregatorUsage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`constellation aggregator: unknown command "${name}"\n\n${aggregatorUsage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandUsage(name, command));
    return 0;
  }
  try {
    const own = name === 'create-admin' ? { values: ['email'], booleans: ['password-stdin'] } : name === 'restore' ? { values: [], booleans: ['force'] } : name === 'suspend-hub' ? { values: ['reason'], booleans: [] } : { values: [], booleans: [] };
    const { positionals, options, settings } = split(rest, own);
    if (positionals.length < command.args.length) throw new UsageError(`missing <${command.args[positionals.length] ?? ''}>; usage: constellation aggregator ${name}${command.args.map((arg) => ` <${arg}>`).join('')}`);
    if (positionals.length > command.args.length) throw new UsageError(`unexpected argument "${positionals[command.args.length] ?? ''}"`);
    const config = loadAggregatorConfig({ argv: settings, env: io.env });
    if (name === 'start') {
      await startAggregator(config);
      return 0;
    }
    if (name === 'create-admin') return await createAdmin(config, options, io);
    if (name === 'migrate') return await migrateStore(config, io);
    if (name === 'import-store') return await importStore(config, positionals[0] ?? '', io);
    if (name === 'backup') return await backup(config, positionals[0] ?? '', io);
    if (name === 'restore') return await restore(config, positionals[0] ?? '', options.force === true, io);
    const reason = typeof options.reason === 'string' ? options.reason.trim() : undefined;
    if (reason !== undefined && (reason.length < 3 || reason.length > 500)) throw new UsageError('--reason must be 3 to 500 characters');
    return await registryCommand(name, positionals[0], config, io, reason);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`constellation aggregator ${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof RegistryError) {
      io.err(`constellation aggregator ${name}: ${error.message}`);
      return error.code === 'validation_failed' ? 2 : 1;
    }
    io.err(`constellation aggregator ${name}: ${(error as Error).message}`);
    return 1;
  }
}

/** How long a registry command waits for Redis before going on without it. */
const REDIS_WAIT_MS = 2_000;

async function redisReady(services: AggregatorServices): Promise<boolean> {
  const { redis } = services;
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), REDIS_WAIT_MS);
    redis.once('ready', onReady);
  });
}

async function registryCommand(name: string, argument: string | undefined, config: AggregatorConfig, io: CliIo, reason?: string): Promise<number> {
  if (name === 'hubs') {
    // Reading only: no Redis needed.
    const engine = await openEngine(config.databaseUrl, () => openNational(config));
    try {
      printHubs(await listHubs(engine, new Registry(engine.hubs, config)), io);
      return 0;
    } finally {
      await engine.close();
    }
  }
  // On either engine (SQLite file or AGGREGATOR_DATABASE_URL): HubAdmin goes through it.
  const services = await openCommandServices(config);
  try {
    const hubs = new HubAdmin(services);
    const target = argument ?? '';
    // An unknown hub is said at once, not after waiting for Redis.
    if (name !== 'add-hub' && (await services.registry.get(target)) === undefined) throw new RegistryError('not_found', 'id', `no hub ${target}; \`constellation aggregator hubs\` lists them`);
    const redis = await redisReady(services);
    const scheduling = (scheduled: boolean) =>
      scheduled ? '' : redis ? '\n(Redis did not answer in time: the worker will pick the change up at its next start)' : '\n(Redis is not reachable: the worker will pick the change up at its next start)';
    switch (name) {
      case 'add-hub': {
        const hub = await hubs.add(target);
        io.out(`added ${hub.id} (${hub.name}, region ${hub.region}) from ${hub.baseUrl}: pending; approve it with \`constellation aggregator approve-hub ${hub.id}\``);
        return 0;
      }
      case 'approve-hub': {
        const hub = await hubs.approve(target);
        io.out(`approved ${hub.id}${hub.scheduled ? ': scheduled, and a pull was requested' : ''}${scheduling(hub.scheduled)}`);
        return 0;
      }
      case 'suspend-hub': {
        const hub = await hubs.suspend(target, reason ?? null);
        io.out(`suspended ${hub.id}${hub.suspendReason === null ? '' : ` (${hub.suspendReason})`}: its content is hidden from the national index${scheduling(hub.scheduled)}`);
        return 0;
      }
      case 'remove-hub': {
        const outcome = await hubs.remove(target);
        io.out(`removed ${outcome.id}: ${outcome.removed} records taken out of the national index${scheduling(outcome.scheduled)}`);
        return 0;
      }
      case 'refresh-hub': {
        const hub = await hubs.refresh(target);
        io.out(`refreshed ${hub.id}: its descriptor and keys are pinned again`);
        return 0;
      }
    }
    return 2;
  } finally {
    await closeQuietly(services);
  }
}

/** Closes without waiting forever on a Redis that is not there. */
async function closeQuietly(services: AggregatorServices): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([services.close().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, REDIS_WAIT_MS)))]);
  clearTimeout(timer);
  services.redis.disconnect();
  await services.engine.close().catch(() => undefined);
}

function ago(iso: string | null, now: number): string {
  if (iso === null) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3_600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

function printHubs(hubs: readonly AdminHubView[], io: CliIo, now = Date.now()): void {
  if (hubs.length === 0) {
    io.out('no hubs yet; add one with `constellation aggregator add-hub <url>`');
    return;
  }
  const rows = [
    ['ID', 'STATUS', 'LAST SUCCESS', 'LAG', 'LAST ERROR'],
    ...hubs.map((hub) => [
      hub.id,
      hub.status,
      ago(hub.health.lastSuccessAt, now),
      hub.health.lagSeq === 0 ? '0' : `${hub.health.lagSeq} changes, ${hub.health.lagSeconds} s`,
      hub.health.lastError === null ? '-' : `${hub.health.lastError.replace(/\s+/g, ' ').slice(0, 80)} (${ago(hub.health.lastErrorAt, now)})`,
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows) io.out(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  '));
}

async function createAdmin(config: AggregatorConfig, options: Record<string, string | true>, io: CliIo): Promise<number> {
  const email = typeof options.email === 'string' ? options.email : undefined;
  if (email === undefined) throw new UsageError('--email is required');
  // A password on the command line would show in `ps` and the shell history: stdin or the environment only.
  const password = options['password-stdin'] === true ? io.stdin().replace(/\r?\n$/, '') : io.env.AGGREGATOR_ADMIN_PASSWORD;
  if (password === undefined || password === '') throw new UsageError('give the password on stdin with --password-stdin, or in AGGREGATOR_ADMIN_PASSWORD');
  const engine = await openEngine(config.databaseUrl, () => openNational(config));
  try {
    const { admin, created } = await new AdminAccounts(engine.admin.admins).createOrReset(email, password);
    io.out(created ? `created admin ${admin.email}` : `set a new password for admin ${admin.email}`);
    return 0;
  } catch (error) {
    if (error instanceof AdminInputError) throw new UsageError(error.message);
    throw error;
  } finally {
    await engine.close();
  }
}

/** Applies the committed migrations to the store the configuration names. */
async function migrateStore(config: AggregatorConfig, io: CliIo): Promise<number> {
  if (config.databaseUrl === undefined) {
    openNationalStore(nationalDatabaseFile(config)).close();
    io.out(`the SQLite national store in ${config.dataDir} is up to date (it also migrates itself at each start)`);
    return 0;
  }
  const { applied, total } = await migratePgStore(config.databaseUrl);
  io.out(`the PostgreSQL national store is up to date: ${applied} migration${applied === 1 ? '' : 's'} applied now, ${total} in all`);
  return 0;
}

/** SQLite file to PostgreSQL, whole (db/pg/import-sqlite.ts). */
async function importStore(config: AggregatorConfig, target: string, io: CliIo): Promise<number> {
  if (config.databaseUrl === undefined) throw new UsageError('set AGGREGATOR_DATABASE_URL (or --database-url) to the PostgreSQL store to import into');
  const file = resolve(target);
  if (!existsSync(file)) throw new UsageError(`no file ${file}`);
  const report = await importSqliteStore(file, config.databaseUrl, (line) => io.out(`  ${line}`));
  io.out(`imported ${file} into PostgreSQL: ${report.rows.records ?? 0} records, national seq ${report.nseq}; the workers continue each hub from its cursor`);
  return 0;
}

/** SQLite's online backup of the national store: a consistent copy while the worker writes. Never overwrites. */
async function backup(config: AggregatorConfig, target: string, io: CliIo): Promise<number> {
  // PostgreSQL is backed up by its own tools (pg_dump, a managed service's snapshots).
  if (config.databaseUrl !== undefined) throw sqliteOnly('backup');
  const file = resolve(target);
  const source = nationalDatabaseFile(config);
  if (!existsSync(source)) throw new UsageError(`no national store in ${config.dataDir} (national.sqlite); check --data-dir or AGGREGATOR_DATA_DIR`);
  if (existsSync(file)) throw new UsageError(`${file} already exists; choose a new name (a backup never overwrites)`);
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) throw new UsageError(`no folder ${dirname(file)}`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const progress = await db.backup(file);
    io.out(`backed up the national store to ${file} (${progress.totalPages} pages)`);
    return 0;
  } finally {
    db.close();
  }
}

/** Refuses anything but an intact national store, then copies it in with the backup API (which also settles a stale WAL). */
async function restore(config: AggregatorConfig, target: string, force: boolean, io: CliIo): Promise<number> {
  if (config.databaseUrl !== undefined) throw sqliteOnly('restore');
  const file = resolve(target);
  if (!existsSync(file)) throw new UsageError(`no file ${file}`);
  let source: Database.Database | undefined;
  try {
    try {
      source = new Database(file, { readonly: true, fileMustExist: true });
      const check = source.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new UsageError(`${file} is damaged (${String(check)})`);
      if (source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'records'").get() === undefined) throw new UsageError(`${file} is not a national store backup (no records table)`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${file} is not a SQLite database (${(error as Error).message})`);
    }
    const store = nationalDatabaseFile(config);
    if (existsSync(store) && !force) throw new UsageError(`this replaces the national store in ${config.dataDir}; stop the aggregator, then run again with --force`);
    mkdirSync(config.dataDir, { recursive: true });
    await source.backup(store);
  } finally {
    source?.close();
  }
  // The backup may come from an older version: bring its schema up to date now.
  openNational(config).close();
  io.out(`restored the national store from ${file}; start the aggregator again (the workers continue each hub from the restored cursors)`);
  return 0;
}
