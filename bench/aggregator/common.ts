/**
 * What the aggregator benchmarks share: where a built national store lives and what it
 * records about itself, process memory, the machine, percentiles, tables and results.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DATA_ROOT, RESULTS_DIR } from '../hub/common.ts';

export { DATA_ROOT, REPO_DIR, RESULTS_DIR, flag, isMain, numberFlag } from '../hub/common.ts';

/**
 * Bump when what the ingest benchmark writes changes (generator, layout): bench:national
 * reuses a store only when its version and sizes match. Schema changes need no bump: the
 * store migrates when it is opened.
 */
export const STORE_VERSION = 'v2';

export const DEFAULT_HUBS = 20;
export const DEFAULT_EVENTS_PER_HUB = 50_000;

export function storeDirFor(hubs: number, eventsPerHub: number): string {
  return join(DATA_ROOT, `aggregator-${STORE_VERSION}-${hubs}x${eventsPerHub}`);
}

export const STORE_FILE = 'national.sqlite';
export const STORE_META = 'store.json';

/** Written last by the ingest benchmark: a store dir without it is incomplete. */
export interface StoreMeta {
  version: string;
  hubs: number;
  eventsPerHub: number;
  events: number;
  /** UTC midnight the events' dates were spread around (ISO). */
  anchor: string;
  builtAt: string;
  occurrences: number;
  duplicates: number;
  bytes: number;
}

export function readStoreMeta(dir: string): StoreMeta | undefined {
  const file = join(dir, STORE_META);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as StoreMeta;
}

/** The SQLite file and its WAL, in bytes. */
export function storeBytes(file: string): number {
  let bytes = 0;
  for (const path of [file, `${file}-wal`]) if (existsSync(path)) bytes += statSync(path).size;
  return bytes;
}

/** Resident and peak resident memory of a process, in MB (from /proc; Linux only). */
export function memoryOf(pid: number | 'self' = 'self'): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number | 'self' = 'self'): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function machine(): { nproc: number; cpu: string; memGiB: number; node: string; platform: string } {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Exact percentiles of a list of samples (nearest rank). */
export function percentiles(samples: readonly number[], ranks: readonly number[] = [50, 95, 99]): Record<string, number> {
  const sorted = [...samples].sort((a, b) => a - b);
  const out: Record<string, number> = {};
  for (const rank of ranks) {
    const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1));
    out[`p${rank}`] = round(sorted[index] ?? Number.NaN, 3);
  }
  out.max = round(sorted.at(-1) ?? Number.NaN, 3);
  out.mean = round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length), 3);
  return out;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Thousands separated by commas, for tables. */
export function n(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A Markdown table (pastes into bench/README.md as is). */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(cells[0] ?? []), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

export function writeResult(name: string, report: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const out = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  return out;
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'missed';
}

/** CPU seconds the whole machine has spent busy so far (all cores; /proc/stat). */
export function machineBusySeconds(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/**
 * The share of the machine's CPU that processes other than `pids` used between `start()`
 * and `stop()`: this machine is shared, and a busy neighbour slows every figure.
 */
export function othersMeter(pids: readonly (number | 'self')[] = ['self']): { stop(): number } {
  const busy0 = machineBusySeconds();
  const own0 = pids.reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const t0 = Date.now();
  return {
    stop() {
      const seconds = (Date.now() - t0) / 1000;
      const others = machineBusySeconds() - busy0 - (pids.reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0) - own0);
      return round(Math.max(0, others) / (seconds * cpus().length), 3);
    },
  };
}
