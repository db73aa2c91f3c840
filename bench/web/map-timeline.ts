/**
 * `npm run bench:web -- --breakdown`: what the national map does between navigation and its
 * first rest, recorded in the page (no change to the app). The script below runs before the
 * page's own code: it catches the MapLibre map as the app hangs it on its container
 * (`maplibre`, web/src/map/style-fallback.ts) and records, in ms since navigation start, when
 * the map was created, its style loaded, each source last finished loading, each `idle`, and
 * every frame it drew (start and JavaScript time; software WebGL's own time is in the GPU
 * process, see --trace). The resource timings say when the basemap's files and the API's
 * answers arrived.
 */

/** Runs in the page (a string: the bench's tsconfig has no DOM types). */
export const MAP_TIMELINE_SCRIPT = `(() => {
  const now = () => Math.round(performance.now());
  const log = { created: null, styleLoad: null, load: null, frames: [], sources: {}, content: [], idle: [] };
  window.__mapTimeline = log;
  const define = Object.defineProperty;
  const hook = (map) => {
    log.created = now();
    const render = map._render;
    map._render = function (...args) {
      const start = performance.now();
      const result = render.apply(this, args);
      log.frames.push([Math.round(start), Math.round(performance.now() - start)]);
      return result;
    };
    map.on('style.load', () => { log.styleLoad ??= now(); });
    map.once('load', () => { log.load = now(); });
    map.on('idle', () => log.idle.push(now()));
    map.on('data', (event) => {
      if (event.dataType !== 'source' || typeof event.sourceId !== 'string') return;
      if (event.sourceDataType === 'content') log.content.push([event.sourceId, now()]);
      if (event.isSourceLoaded) log.sources[event.sourceId] = now();
    });
  };
  Object.defineProperty = function (target, key, descriptor) {
    if (key === 'maplibre' && descriptor && descriptor.value) hook(descriptor.value);
    return define.call(Object, target, key, descriptor);
  };
})();`;

export interface MapTimeline {
  created: number | null;
  styleLoad: number | null;
  load: number | null;
  /** [start, JavaScript ms] of each frame. */
  frames: [number, number][];
  /** Source id → when it last reported itself loaded. */
  sources: Record<string, number>;
  /** [source id, when] of each data change (setData, a style's GeoJSON parsed). */
  content: [string, number][];
  idle: number[];
}

export interface ResourceTiming {
  name: string;
  start: number;
  end: number;
}

/** Reads the timeline and the resource timings back from the page (runs in the page). */
export const READ_TIMELINE = `(() => ({
  timeline: window.__mapTimeline ?? null,
  resources: performance.getEntriesByType('resource').map((entry) => ({ name: entry.name, start: Math.round(entry.startTime), end: Math.round(entry.responseEnd) })),
}))()`;

/** One run's timeline as lines of text, up to the idle mark. */
export function describeTimeline(timeline: MapTimeline | null, resources: readonly ResourceTiming[], marks: { list: number; mapIdle: number }): string[] {
  if (timeline === null) return ['  (no map timeline: the map was never created)'];
  const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, (query) => (query.length > 40 ? `${query.slice(0, 40)}…` : query));
  const framesBefore = timeline.frames.filter(([start]) => start <= marks.mapIdle);
  const js = framesBefore.reduce((sum, [, ms]) => sum + ms, 0);
  const lines = [
    `  list ${Math.round(marks.list)}, map created ${timeline.created}, style loaded ${timeline.styleLoad}, load ${timeline.load}, idle mark ${Math.round(marks.mapIdle)} (idles at ${timeline.idle.join(', ')})`,
    `  frames before the idle mark: ${framesBefore.length} (JavaScript ${js} ms): ${framesBefore.map(([start, ms]) => `${start}+${ms}`).join(' ')}`,
    `  sources last loaded: ${Object.entries(timeline.sources)
      .sort((a, b) => a[1] - b[1])
      .map(([id, at]) => `${id} ${at}`)
      .join(', ')}`,
    `  data changes: ${timeline.content.map(([id, at]) => `${id} ${at}`).join(', ')}`,
    `  resources: ${resources
      .filter((entry) => !/\.css$/.test(entry.name))
      .map((entry) => `${short(entry.name)} ${entry.start}→${entry.end}`)
      .join(', ')}`,
  ];
  return lines;
}
