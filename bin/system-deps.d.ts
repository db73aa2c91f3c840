// Types for bin/system-deps.js (plain JavaScript: it runs before npm has installed anything).
export interface SystemDep {
  label: string;
  why: string;
  program: string;
  /** Folders off PATH where the package puts `program` (PostgreSQL on Debian). */
  dirs?: () => string[];
  /** Python modules `program` (python3) must import for the part to count as present. */
  python?: string[];
  apt: string[];
  brew: string[];
  dnf: string[];
}
export interface SystemKind {
  kind: 'apt' | 'dnf' | 'brew' | 'unknown';
  root: boolean;
}
export type SystemDepKey = 'redis' | 'redisCli' | 'chromium' | 'postgresql' | 'pythonClients';
export const SYSTEM_DEPS: Record<SystemDepKey, SystemDep>;
export const NEEDS: Record<'demo' | 'test', SystemDepKey[]>;
export function postgresBinDirs(root?: string): string[];
export function importsAll(python: string, modules: string[]): boolean;
export function pythonWith(modules: string[], env?: NodeJS.ProcessEnv): string | undefined;
export function onPath(program: string, env?: NodeJS.ProcessEnv): string | undefined;
export function locate(program: string, env?: NodeJS.ProcessEnv, dirs?: string[]): string | undefined;
export function detectSystem(options?: { platform?: NodeJS.Platform; osRelease?: string; env?: NodeJS.ProcessEnv; uid?: number }): SystemKind;
export function installCommand(deps: SystemDep[], system: SystemKind): string;
export function ensureSystemDeps(
  keys: string[],
  options?: { install?: boolean; log?: (line: string) => void; system?: SystemKind; purpose?: string },
): Promise<{ ok: boolean; paths: Record<string, string | undefined>; installed: string[]; message?: string }>;
