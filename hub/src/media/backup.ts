import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MEDIA_FILE } from './media-service.ts';

/**
 * The images beside a database backup: `<backup file>.media/`, a plain folder of the
 * files the backed-up database names. Media files never change under their name, so
 * copying them after the database's online backup gives a consistent pair.
 */
export function mediaFolderOf(backupFile: string): string {
  return `${backupFile}.media`;
}

/** The media file names a hub database refers to (its media rows). */
function filesNamedBy(databaseFile: string): string[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media'").get() === undefined) return [];
    const rows = db.prepare('SELECT id, ext, widths FROM media').all() as { id: string; ext: string; widths: string }[];
    return rows.flatMap((row) => [`${row.id}.${row.ext}`, ...row.widths.split(',').filter((w) => w !== '').map((w) => `${row.id}-${w}.webp`)]);
  } finally {
    db.close();
  }
}

/** Copies the images the backup's database names; returns how many files, and which were missing. */
export function backupMedia(backupFile: string, dataDir: string): { files: number; missing: string[] } {
  const names = filesNamedBy(backupFile);
  const folder = mediaFolderOf(backupFile);
  const missing: string[] = [];
  let files = 0;
  if (names.length > 0) mkdirSync(folder, { recursive: true });
  for (const name of names) {
    const source = join(dataDir, 'media', name);
    if (!existsSync(source)) {
      missing.push(name);
      continue;
    }
    copyFileSync(source, join(folder, name));
    files += 1;
  }
  return { files, missing };
}

/** Puts a backup's images back in the data dir (files already there are kept: same name, same bytes). */
export function restoreMedia(backupFile: string, dataDir: string): number {
  const folder = mediaFolderOf(backupFile);
  if (!existsSync(folder)) return 0;
  const target = join(dataDir, 'media');
  mkdirSync(target, { recursive: true });
  let files = 0;
  for (const name of readdirSync(folder)) {
    if (!MEDIA_FILE.test(name) || existsSync(join(target, name))) continue;
    copyFileSync(join(folder, name), join(target, name));
    files += 1;
  }
  return files;
}
