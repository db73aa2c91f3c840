import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawsInChromium, estimatedSeconds, LONG_FILES, runOrder } from '../support/sequencer.ts';

/*
 * The run order of tests/support/sequencer.ts, on the repository's own test files: every
 * file runs once, the table names files that exist and every file that drives Chromium,
 * and two workers taking the files in that order, each lasting its estimate, never run
 * two Chromium files at the same time.
 */

const repo = resolve(import.meta.dirname, '../..');

function testFiles(dir = 'tests'): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The Chromium files' [start, end) when two workers take `order` one file at a time, each as it gets free. */
function chromiumSpans(order: readonly string[]): { file: string; start: number; end: number }[] {
  const free: [number, number] = [0, 0];
  const spans: { file: string; start: number; end: number }[] = [];
  for (const file of order) {
    const worker: 0 | 1 = free[0] <= free[1] ? 0 : 1;
    const start = free[worker];
    free[worker] = start + estimatedSeconds(file);
    if (drawsInChromium(file)) spans.push({ file, start, end: free[worker] });
  }
  return spans;
}

describe('the test run order', () => {
  const files = testFiles();

  it('runs every file once', () => {
    const order = runOrder(files);
    expect(order).toHaveLength(files.length);
    expect(new Set(order)).toEqual(new Set(files));
  });

  it('names only files that exist, and every file that drives Chromium', () => {
    expect(Object.keys(LONG_FILES).filter((file) => !existsSync(join(repo, file)))).toEqual([]);
    const chromium = files.filter((file) => /(support\/browser\.ts|portal-site\.tsx)'/.test(readFileSync(join(repo, file), 'utf8')));
    expect(chromium.length).toBeGreaterThan(0);
    expect(chromium.filter((file) => !drawsInChromium(file))).toEqual([]);
  });

  it('never has two workers draw in Chromium at the same time, by the estimates', () => {
    const spans = chromiumSpans(runOrder(files));
    const overlaps = spans.flatMap((a, index) => spans.slice(index + 1).filter((b) => b.start < a.end && a.start < b.end).map((b) => `${a.file} and ${b.file}`));
    expect(overlaps).toEqual([]);
  });
});
