/**
 * Performance marks the page-load benchmark reads (bench/web/page-load.ts): the first
 * list on screen, and the map first at rest with events drawn. Each is set once per load.
 */
export const LIST_MARK = 'constellation:list';
export const MAP_IDLE_MARK = 'constellation:map-idle';

function marked(name: string): boolean {
  return typeof performance === 'undefined' || performance.getEntriesByName(name).length > 0;
}

/** Marks once, on the next frame: after what changed is in the DOM, not when its data arrived. */
export function markOnce(name: string): void {
  if (marked(name)) return;
  requestAnimationFrame(() => {
    if (!marked(name)) performance.mark(name);
  });
}

/** Marks once, now (the map's idle event already comes after its frame). */
export function markNow(name: string): void {
  if (!marked(name)) performance.mark(name);
}
