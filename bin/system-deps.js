// The programs outside npm that Constellation needs, and how to get them: the one table
// read by `npm test` (its pretest step), by `constellation demo` and by `.ci/run`, so the
// three can never disagree about what a machine needs.
//
// Modelled on Playwright's `install-deps`: nothing is installed silently. The first line
// says what is missing, why, and what will be installed; each step says how long it took;
// where this process cannot install (not root, not Debian/Ubuntu, or --no-install) it
// prints the exact command to run and the caller exits 1.
//
// Plain JavaScript with Node's built-ins only: it runs before `npm ci` has installed anything.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * What each part needs. `present()` says whether the machine has it; `locate()` (for a
 * program) gives its path, looking on PATH first and then where the package manager
 * puts it, so a program installed a moment ago is found even where PATH hides it.
 * `apt`, `brew` and `dnf` are the package names on each system.
 */
export const SYSTEM_DEPS = {
  redis: {
    label: 'Redis (redis-server)',
    why: "the national aggregator's job queues and live updates run on Redis",
    program: 'redis-server',
    apt: ['redis-server'],
    brew: ['redis'],
    dnf: ['redis'],
  },
  redisCli: {
    label: 'redis-cli (Redis tools)',
    why: 'the tests join real redis-server nodes into a Redis Cluster with `redis-cli --cluster create`',
    program: 'redis-cli',
    apt: ['redis-tools'],
    brew: ['redis'],
    dnf: ['redis'],
  },
  chromium: {
    label: 'Chromium',
    why: 'the browser tests drive a real Chromium (never a browser a tool downloads itself)',
    program: 'chromium',
    apt: ['chromium'],
    brew: ['--cask', 'chromium'],
    dnf: ['chromium'],
  },
  postgresql: {
    label: 'PostgreSQL (initdb, postgres)',
    why: "the national aggregator's store can be PostgreSQL; its tests start a real server",
    program: 'initdb',
    // Debian keeps the server's programs off PATH, under /usr/lib/postgresql/<major>/bin
    // (the newest major first); Homebrew and Fedora put them on PATH.
    dirs: () => postgresBinDirs(),
    apt: ['postgresql'],
    brew: ['postgresql@16'],
    dnf: ['postgresql-server', 'postgresql-contrib'],
  },
  pythonClients: {
    label: "Python's icalendar, vobject, feedparser and pyld",
    why: 'the open-data tests read the iCal, RSS/Atom and JSON-LD exports with clients the project does not contain',
    program: 'python3',
    // Present only when python3 imports every one of these modules (see `present`).
    python: ['icalendar', 'vobject', 'feedparser', 'pyld'],
    apt: ['python3-icalendar', 'python3-vobject', 'python3-feedparser', 'python3-pyld'],
    // Homebrew packages none of them: brew's Python, then `pip3 install icalendar vobject feedparser PyLD`.
    brew: ['python'],
    dnf: ['python3-icalendar', 'python3-vobject', 'python3-feedparser', 'python3-pyld'],
  },
};

/** Debian's PostgreSQL program folders, newest major version first. */
export function postgresBinDirs(root = '/usr/lib/postgresql') {
  let majors = [];
  try {
    majors = readdirSync(root).filter((name) => /^\d+$/.test(name));
  } catch {
    // not installed this way
  }
  return majors.sort((a, b) => Number(b) - Number(a)).map((major) => join(root, major, 'bin'));
}

/** Which parts each use needs. */
export const NEEDS = {
  demo: ['redis'],
  test: ['redis', 'redisCli', 'chromium', 'postgresql', 'pythonClients'],
};

/** Where Debian's, Homebrew's and Fedora's packages put programs, besides PATH. */
const SYSTEM_BIN_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/opt/homebrew/bin', '/bin', '/sbin'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The program's path on PATH, or undefined. */
export function onPath(program, env = process.env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, program))) return join(dir, program);
  }
  return undefined;
}

/** The program's path: on PATH, else in the system's binary folders (where an install just put it). */
export function locate(program, env = process.env, dirs = []) {
  return onPath(program, env) ?? [...SYSTEM_BIN_DIRS, ...dirs].map((dir) => join(dir, program)).find(executable);
}

/** Whether the Python at `python` imports every module in `modules`. */
export function importsAll(python, modules) {
  return spawnSync(python, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/** Every `program` on PATH and in the system's binary folders, in that order, each once. */
function allCopies(program, env = process.env) {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter((dir) => dir !== ''), ...SYSTEM_BIN_DIRS];
  return [...new Set(dirs.map((dir) => join(dir, program)))].filter(executable);
}

/**
 * The first python3 that imports every module in `modules`: Debian's packages install
 * into /usr/bin/python3's library, which a Python earlier on PATH (pyenv, a venv) does
 * not see, so every copy is tried.
 */
export function pythonWith(modules, env = process.env) {
  return allCopies('python3', env).find((python) => importsAll(python, modules));
}

/**
 * Where a part's program is: on PATH, or in the folders its package puts it off PATH;
 * for Python modules, the python3 that imports them all (a bare python3 is not enough).
 */
function present(dep) {
  if (dep.python !== undefined) return pythonWith(dep.python);
  return onPath(dep.program) ?? (dep.dirs ?? (() => []))().map((dir) => join(dir, dep.program)).find(executable);
}

/** How this machine installs packages, as far as we support doing it ourselves. */
export function detectSystem({ platform = process.platform, osRelease = '/etc/os-release', env = process.env, uid = process.getuid?.() } = {}) {
  if (platform === 'darwin') return { kind: 'brew', root: false };
  if (platform !== 'linux') return { kind: 'unknown', root: false };
  let release = '';
  try {
    release = readFileSync(osRelease, 'utf8');
  } catch {
    // no os-release: an unusual Linux; we only print the commands
  }
  const field = (name) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(release)?.[1] ?? '';
  const family = `${field('ID')} ${field('ID_LIKE')}`;
  const root = uid === 0;
  if (/\b(debian|ubuntu)\b/.test(family) && onPath('apt-get', env)) return { kind: 'apt', root };
  if (/\b(fedora|rhel|centos)\b/.test(family)) return { kind: 'dnf', root };
  return { kind: 'unknown', root };
}

/** The exact command a person should run to install `deps` on this system. */
export function installCommand(deps, system) {
  // redis-server and redis-cli come from one package on Homebrew and Fedora: name it once.
  const names = (key) => [...new Set(deps.flatMap((dep) => dep[key]))];
  const sudo = system.root ? '' : 'sudo ';
  switch (system.kind) {
    case 'apt':
      return `${sudo}apt-get update && ${sudo}apt-get install -y ${names('apt').join(' ')}`;
    case 'dnf':
      return `${sudo}dnf install -y ${names('dnf').join(' ')}`;
    case 'brew':
      return [...new Set(deps.map((dep) => `brew install ${dep.brew.join(' ')}`))].join(' && ');
    default:
      return `install ${deps.map((dep) => dep.label).join(' and ')} with your system's package manager (Debian/Ubuntu: sudo apt-get install -y ${names('apt').join(' ')}; macOS: ${deps.map((dep) => `brew install ${dep.brew.join(' ')}`).join(' && ')}; Fedora: sudo dnf install -y ${names('dnf').join(' ')})`;
  }
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs a command to the end with its output shown after a failure only; resolves its exit code. */
function runQuietly(command, args, log) {
  return new Promise((done) => {
    const child = spawn(command, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => {
      log(`  ${command} could not run: ${error.message}`);
      done(1);
    });
    child.once('close', (code) => {
      if (code !== 0) log(output.trim().split('\n').slice(-15).map((line) => `  | ${line}`).join('\n'));
      done(code ?? 1);
    });
  });
}

/**
 * Makes sure the parts named in `keys` are present, installing the missing ones where
 * this process can (root on Debian/Ubuntu) unless `install` is false.
 * Resolves `{ ok, paths, message }`: `paths` maps each part with a program to where it is;
 * when `ok` is false, `message` says what to run.
 */
export async function ensureSystemDeps(keys, { install = true, log = (line) => console.log(line), system = detectSystem(), purpose = '' } = {}) {
  const deps = keys.map((key) => ({ key, ...SYSTEM_DEPS[key] }));
  const missing = deps.filter((dep) => present(dep) === undefined);
  const paths = () => Object.fromEntries(deps.map((dep) => [dep.key, dep.python === undefined ? locate(dep.program, process.env, dep.dirs?.() ?? []) : present(dep)]));
  if (missing.length === 0) return { ok: true, paths: paths(), installed: [] };

  const what = missing.map((dep) => `${dep.label}: ${dep.why}`).join('; ');
  const command = installCommand(missing, system);
  const canInstall = install && system.kind === 'apt' && system.root;
  if (!canInstall) {
    const them = missing.length === 1 ? 'it' : 'them';
    const reason = !install
      ? `not installing ${them} (--no-install)`
      : system.kind === 'apt'
        ? `installing ${them} needs root`
        : `this system is not Debian or Ubuntu, where Constellation can install ${them} itself`;
    const message = `missing ${what}${purpose ? ` (needed ${purpose})` : ''}.\n${reason}; run:\n  ${command}`;
    return { ok: false, paths: paths(), installed: [], message };
  }

  const packages = missing.flatMap((dep) => dep.apt);
  log(`constellation: installing ${packages.join(', ')} from Debian's packages with apt-get, because ${what}${purpose ? ` (needed ${purpose})` : ''}. (--no-install, or CONSTELLATION_NO_INSTALL=1, turns this off.)`);
  // A second apt-get (another terminal, unattended upgrades) holds dpkg's lock for a while: wait for it.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  for (const [step, args] of [
    ['apt-get update', [...lock, 'update', '-qq']],
    [`apt-get install -y --no-install-recommends ${packages.join(' ')}`, [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...packages]],
  ]) {
    const started = Date.now();
    log(`  ${step} ...`);
    const code = await runQuietly('apt-get', args, log);
    if (code !== 0) return { ok: false, paths: paths(), installed: [], message: `${step} failed (exit ${code}); run it yourself:\n  ${command}` };
    log(`  ${step}: done in ${seconds(Date.now() - started)}`);
  }
  const found = paths();
  const stillMissing = missing.filter((dep) => found[dep.key] === undefined);
  if (stillMissing.length > 0) {
    return { ok: false, paths: found, installed: [], message: `apt-get finished, but ${stillMissing.map((dep) => dep.label).join(', ')} is still missing; run:\n  ${command}` };
  }
  log(`  installed: ${missing.map((dep) => `${dep.program} (${found[dep.key]})`).join(', ')}`);
  return { ok: true, paths: found, installed: missing.map((dep) => dep.key) };
}
