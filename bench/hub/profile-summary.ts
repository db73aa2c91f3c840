/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most
 * self time, and the most inclusive time for frames matching a filter.
 *
 *   npx tsx bench/hub/profile-summary.ts FILE.cpuprofile [--top 30] [--match text]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { REPO_DIR, flag, isMain, numberFlag } from './common.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FrameTime {
  frame: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  self: FrameTime[];
  inclusive: FrameTime[];
  byPackage: FrameTime[];
}

function where(url: string): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) return path.slice(inModules + '/node_modules/'.length);
  return path.startsWith('/') ? relative(REPO_DIR, path) : path;
}

function label(frame: CallFrame): string {
  const place = where(frame.url);
  return `${frame.functionName || '(anonymous)'}${place === '' ? '' : ` ${place}:${frame.lineNumber + 1}`}`;
}

/** The package (or repo folder, or "node:" for built-ins) a frame belongs to. */
function packageOf(frame: CallFrame): string {
  const url = frame.url;
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node: built-ins';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const rest = path.slice(inModules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') === true ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  const local = relative(REPO_DIR, path).split('/');
  return local.slice(0, local[0] === 'hub' || local[0] === 'shared' ? 3 : 1).join('/');
}

/**
 * `window` keeps only the samples taken between two instants of the monotonic clock, in
 * microseconds (V8's profile timestamps and process.hrtime share it on Linux): the
 * measured run, without start-up and warm-up.
 */
export function summarise(profile: CpuProfile, options: { top?: number; match?: string; window?: { fromUs: number; toUs: number } } = {}): ProfileSummary {
  const top = options.top ?? 25;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (options.window !== undefined && (at < options.window.fromUs || at > options.window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const totalUs = [...selfUs.values()].reduce((sum, value) => sum + value, 0);

  const selfByLabel = new Map<string, number>();
  const packages = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const name = label(node.callFrame);
    selfByLabel.set(name, (selfByLabel.get(name) ?? 0) + us);
    const pkg = packageOf(node.callFrame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    // Inclusive time: each distinct frame label on the stack once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame === undefined) break;
      const frameLabel = label(frame.callFrame);
      if (seen.has(frameLabel)) continue;
      seen.add(frameLabel);
      if (frameLabel === '(root)') continue;
      if (options.match === undefined || frameLabel.includes(options.match)) inclusive.set(frameLabel, (inclusive.get(frameLabel) ?? 0) + us);
    }
  }
  const busyUs = Math.max(totalUs - idleUs, 1);
  const rank = (map: Map<string, number>, count: number): FrameTime[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([frame, us]) => ({ frame, ms: Math.round(us / 100) / 10, share: Math.round((us / busyUs) * 1000) / 10 }));
  return {
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    self: rank(selfByLabel, top),
    inclusive: rank(inclusive, top),
    byPackage: rank(packages, top),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const lines = [`profile: ${summary.totalMs} ms sampled, ${summary.idleMs} ms idle; shares below are of the ${summary.totalMs - summary.idleMs} ms busy`];
  const table = (title: string, rows: FrameTime[]) => {
    lines.push('', title);
    for (const row of rows) lines.push(`  ${row.share.toFixed(1).padStart(5)} %  ${row.ms.toFixed(0).padStart(7)} ms  ${row.frame}`);
  };
  table('self time by package / folder', summary.byPackage);
  table('self time by function', summary.self);
  table('inclusive time by function', summary.inclusive);
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const file = argv.find((arg) => arg.endsWith('.cpuprofile'));
  if (file === undefined) {
    console.error('usage: profile-summary.ts FILE.cpuprofile [--top N] [--match TEXT]');
    process.exit(2);
  }
  const match = flag(argv, 'match');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatSummary(summarise(profile, { top: numberFlag(argv, 'top', 25), ...(match === undefined ? {} : { match }) })));
}
