import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { validate, SignUp } from '@constellation/shared';
import { createServices, hubDatabaseFile, openHubStore } from './app.ts';
import { ConfigError, loadHubConfig, SETTING_SOURCES, type HubConfig } from './config.ts';
import { HttpError } from './errors.ts';
import { rotateKey } from './federation/keys.ts';
import { backupMedia, mediaFolderOf, restoreMedia } from './media/backup.ts';
import { startHub } from './server.ts';

const COMMANDS = {
  start: 'run the hub server',
  migrate: 'create or upgrade the database, then exit',
  'create-admin': 'create the first admin (or make an account admin); password from stdin or CONSTELLATION_ADMIN_PASSWORD',
  seed: 'fill the hub with realistic demo content for its region',
  'rotate-key': 'make a new federation signing key (the previous one stays published for 7 days)',
  import: "import an actor's events from an iCal URL or file, or an OpenAgenda export file (all or nothing)",
  backup: 'copy the database to a new file with SQLite\'s online backup (safe while the hub runs)',
  restore: 'replace the database with a backup (stop the hub first; --force confirms)',
} as const;

function settingsHelp(): string {
  return Object.values(SETTING_SOURCES)
    .map((source) => `  ${source.flag === undefined ? ''.padEnd(26) : `--${source.flag}`.padEnd(26)} ${source.env.padEnd(26)} ${source.help}`)
    .join('\n');
}

export function hubUsage(): string {
  return `Usage: constellation hub <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, help]) => `  ${name.padEnd(14)} ${help}`).join('\n')}

Settings (flag, environment variable; flags win, then the environment, then --config FILE):
  --config FILE              HUB_CONFIG                 a JSON file with any of the settings below
${settingsHelp()}

create-admin options: --email EMAIL [--display-name NAME] [--password-stdin]
seed options: [--scale N] [--seed N] [--now ISO-DATE (the day dates and the running campaign are reckoned from; default now)] [--demo-accounts (adds demo logins with known passwords: never in production)]
import options: --actor ACTOR_ID (--ical-url URL | --ical-file PATH | --openagenda-file PATH) [--dry-run] [--partial]
backup: constellation hub backup <file> [settings]   (images go to <file>.media/; keys.json and jwt-secret in the data dir are not in it: copy them too)
restore: constellation hub restore <file> --force [settings]   (migrations run on the restored database)`;
}

/** A wrong argument of a command (not a setting): exit 2. */
class UsageError extends Error {}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  stdin: () => string;
}

const defaultIo: Io = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  stdin: () => readFileSync(0, 'utf8'),
};

/** Splits the command's own options from the hub settings flags. */
function takeOptions(argv: readonly string[], names: readonly string[], booleans: readonly string[] = []): { own: Record<string, string | true>; rest: string[] } {
  const own: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const name = arg.replace(/^--/, '').split('=')[0] ?? '';
    if (arg.startsWith('--') && booleans.includes(name)) own[name] = true;
    else if (arg.startsWith('--') && names.includes(name)) {
      const inline = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined;
      const value = inline ?? argv[(index += 1)];
      if (value === undefined) throw new ConfigError(name, `--${name} needs a value`);
      own[name] = value;
    } else rest.push(arg);
  }
  return { own, rest };
}

/** `constellation hub ...`; returns the exit code (the process keeps running for `start`). */
export async function runHubCli(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h' || args.includes('--help')) {
    io.out(hubUsage());
    return command === undefined ? 2 : 0;
  }
  if (!(command in COMMANDS)) {
    io.err(`constellation hub: unknown command "${command}"\n\n${hubUsage()}`);
    return 2;
  }
  try {
    switch (command) {
      case 'start': {
        await startHub(loadHubConfig({ argv: args, env: io.env }));
        return 0;
      }
      case 'migrate': {
        const config = loadHubConfig({ argv: args, env: io.env });
        openHubStore(config).close();
        io.out(`database of ${config.hubId} is up to date in ${config.dataDir}`);
        return 0;
      }
      case 'create-admin': {
        const { own, rest } = takeOptions(args, ['email', 'display-name'], ['password-stdin']);
        return await createAdmin(loadHubConfig({ argv: rest, env: io.env }), own, io);
      }
      case 'rotate-key': {
        const config = loadHubConfig({ argv: args, env: io.env });
        const ring = rotateKey(config.dataDir);
        io.out(`new signing key ${ring.current.kid} for ${config.hubId}; published keys: ${ring.published.map((key) => key.kid).join(', ')}`);
        return 0;
      }
      case 'seed': {
        const { own, rest } = takeOptions(args, ['scale', 'seed', 'now'], ['demo-accounts']);
        const { seedHub } = await import('./seed/store-seed.ts');
        const config = loadHubConfig({ argv: rest, env: io.env });
        const scale = own.scale === undefined ? 1 : Number(own.scale);
        const seed = own.seed === undefined ? 1 : Number(own.seed);
        if (!(scale > 0 && scale <= 1000)) throw new ConfigError('scale', '--scale must be a number between 0 and 1000');
        if (!Number.isInteger(seed)) throw new ConfigError('seed', '--seed must be an integer');
        // The day the content is reckoned from (dates, the running campaign): the demo seeds a hub
        // added later as of its first start, so every hub carries the same campaign edition.
        const now = own.now === undefined ? undefined : new Date(String(own.now));
        if (now !== undefined && Number.isNaN(now.getTime())) throw new ConfigError('now', '--now must be a date and time (ISO 8601)');
        const summary = await seedHub(config, { scale, seed, demoAccounts: own['demo-accounts'] === true, ...(now === undefined ? {} : { now }) });
        io.out(`seeded ${config.hubId}: ${Object.entries(summary).map(([type, count]) => `${count} ${type}`).join(', ')}`);
        return 0;
      }
      case 'backup': {
        const [file, ...rest] = fileArgument(command, args);
        const config = loadHubConfig({ argv: rest, env: io.env });
        const source = hubDatabaseFile(config);
        if (!existsSync(source)) throw new UsageError(`no hub database in ${config.dataDir} (hub.sqlite); check --data-dir or HUB_DATA_DIR`);
        const pages = await backupDatabase(source, file);
        const images = backupMedia(file, config.dataDir);
        io.out(`backed up ${config.hubId} to ${file} (${pages} pages)${images.files > 0 ? ` and its image files to ${mediaFolderOf(file)} (${images.files})` : ''}`);
        if (images.missing.length > 0) io.err(`constellation hub backup: ${images.missing.length} image files named in the database were not in ${config.dataDir}/media (first: ${images.missing[0] ?? ''})`);
        return 0;
      }
      case 'restore': {
        const { own, rest: afterForce } = takeOptions(args, [], ['force']);
        const [file, ...rest] = fileArgument(command, afterForce);
        const config = loadHubConfig({ argv: rest, env: io.env });
        const target = hubDatabaseFile(config);
        checkBackup(file, 'content');
        if (existsSync(target) && own.force !== true) {
          throw new UsageError(`this replaces the database in ${config.dataDir}; stop the hub, then run again with --force`);
        }
        mkdirSync(config.dataDir, { recursive: true });
        await restoreDatabase(file, target);
        const images = restoreMedia(file, config.dataDir);
        // The backup may come from an older version: bring its schema up to date now.
        openHubStore(config).close();
        io.out(`restored ${config.hubId} from ${file}${images > 0 ? ` with ${images} image files` : ''}; start the hub again (aggregators re-read from their cursors)`);
        return 0;
      }
      case 'import': {
        const { own, rest } = takeOptions(args, ['actor', 'ical-url', 'ical-file', 'openagenda-file'], ['dry-run', 'partial']);
        const { importFromCli } = await import('./import/cli-import.ts');
        return await importFromCli(loadHubConfig({ argv: rest, env: io.env }), own, io);
      }
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.err(`constellation hub ${command}: ${error.message}`);
      return 2;
    }
    if (error instanceof HttpError) {
      io.err(`constellation hub ${command}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  return 2;
}

async function createAdmin(config: HubConfig, own: Record<string, string | true>, io: Io): Promise<number> {
  const email = typeof own.email === 'string' ? own.email : undefined;
  if (email === undefined) throw new ConfigError('email', '--email is required');
  // A password on the command line would show in `ps` and shell history: stdin or the environment only.
  const password = own['password-stdin'] === true ? io.stdin().replace(/\r?\n$/, '') : io.env.CONSTELLATION_ADMIN_PASSWORD;
  if (password === undefined) throw new ConfigError('password', 'give the password on stdin with --password-stdin, or in CONSTELLATION_ADMIN_PASSWORD');
  const displayName = typeof own['display-name'] === 'string' ? own['display-name'] : 'Administrateur';
  const checked = validate(SignUp, { email, password, displayName });
  if (!checked.ok) throw new ConfigError(checked.issues[0]?.field ?? 'input', checked.issues[0]?.message ?? 'is invalid');
  const store = openHubStore(config);
  try {
    const { accounts } = createServices(store, config);
    const existing = accounts.findByEmail(email);
    const account = existing === undefined ? await accounts.register(checked.value, 'admin') : accounts.setRole(existing.id, 'admin');
    io.out(`${existing === undefined ? 'created' : 'promoted'} admin ${account.email} on ${config.hubId}`);
    return 0;
  } finally {
    store.close();
  }
}

/** The file of `backup` / `restore`: the first argument, before the settings. */
function fileArgument(command: string, args: readonly string[]): [string, ...string[]] {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('-')) throw new UsageError(`missing <file>; usage: constellation hub ${command} <file>${command === 'restore' ? ' --force' : ''} [settings]`);
  return [resolve(file), ...rest];
}

/** SQLite's online backup: a consistent copy while the hub keeps writing. Never overwrites. */
async function backupDatabase(source: string, file: string): Promise<number> {
  if (existsSync(file)) throw new UsageError(`${file} already exists; choose a new name (a backup never overwrites)`);
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) throw new UsageError(`no folder ${dirname(file)}`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const progress = await db.backup(file);
    return progress.totalPages;
  } finally {
    db.close();
  }
}

/** Refuses anything but an intact SQLite database holding `table`. */
function checkBackup(file: string, table: string): void {
  if (!existsSync(file)) throw new UsageError(`no file ${file}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new UsageError(`${file} is damaged (${String(check)})`);
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) === undefined) throw new UsageError(`${file} is not a hub backup (no ${table} table)`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not a SQLite database (${(error as Error).message})`);
  } finally {
    db?.close();
  }
}

/** Copies the backup over the database with the backup API, which also settles a stale WAL. */
async function restoreDatabase(file: string, target: string): Promise<void> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
}
