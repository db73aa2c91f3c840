import { statSync } from 'node:fs';

/** How often, at most, a running server looks whether the web app was rebuilt: one stat a second. */
export const REBUILD_CHECK_MS = 1000;

/** Notices that a file was replaced, by its identity (inode, size, modification time), never by reading it. */
export interface FileChange {
  /**
   * True at the first look and at each look that finds the file changed since the last
   * change reported; false while the file is missing (a rebuild under way), and between
   * looks, which happen at most once per `everyMs` unless `force` is given.
   */
  changed(options?: { force?: boolean }): boolean;
  /** The identity last reported: differs between two versions of the file (a module's cache key). */
  readonly version: string;
  /** Forgets the version seen, so the next look (still at most one per `everyMs`) reports a change: a reload that failed is tried again. */
  retry(): void;
}

/**
 * A server started before `npm run build` would otherwise keep serving the old build (an
 * index.html naming assets the rebuild deleted: a blank page) until it restarts. Requests
 * call `changed()`; the cost is one stat per `everyMs`, however many requests come.
 */
export function fileChange(path: string, options: { everyMs?: number; now?: () => number } = {}): FileChange {
  const everyMs = options.everyMs ?? REBUILD_CHECK_MS;
  const now = options.now ?? Date.now;
  let version = '';
  let lookedAt = Number.NEGATIVE_INFINITY;
  return {
    changed({ force = false } = {}) {
      const time = now();
      if (!force && time - lookedAt < everyMs) return false;
      lookedAt = time;
      let seen: string;
      try {
        const stat = statSync(path, { bigint: true });
        seen = `${stat.ino}-${stat.size}-${stat.mtimeNs}`;
      } catch {
        return false;
      }
      if (seen === version) return false;
      version = seen;
      return true;
    },
    get version() {
      return version;
    },
    retry() {
      version = '';
    },
  };
}
