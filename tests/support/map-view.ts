import type { BrowserContext, Page } from 'playwright-core';

/*
 * Reading a MapLibre map in Chromium from the outside: where a point is drawn, the view
 * the address bar names, and whether a screenshot of it holds a drawing.
 */

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

/** The pixel of a point on the map element, from the zoom and centre in the address bar (MapLibre's 512 px Mercator). */
export function pixelOf(map: MapView, box: { x: number; y: number; width: number; height: number }, lat: number, lon: number): { x: number; y: number } {
  const world = 512 * 2 ** map.zoom;
  const project = (latitude: number, longitude: number) => {
    const sin = Math.sin((latitude * Math.PI) / 180);
    return { x: ((longitude + 180) / 360) * world, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world };
  };
  const centre = project(map.lat, map.lon);
  const point = project(lat, lon);
  return { x: box.x + box.width / 2 + (point.x - centre.x), y: box.y + box.height / 2 + (point.y - centre.y) };
}

/** The view in the page's address (`?map=zoom/lat/lon`). */
export function mapParam(page: Page): MapView | undefined {
  const value = new URL(page.url()).searchParams.get('map');
  const [zoom, lat, lon] = (value ?? '').split('/').map(Number);
  return zoom === undefined || lat === undefined || lon === undefined || Number.isNaN(lon) ? undefined : { zoom, lat, lon };
}

/** How many distinct colours a PNG shows (decoded by the browser itself, on a blank page of `context`). */
export async function colourCount(context: BrowserContext, png: Buffer): Promise<number> {
  const page = await context.newPage();
  try {
    return await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context2d = canvas.getContext('2d');
      if (context2d === null) return 0;
      context2d.drawImage(image, 0, 0);
      const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let index = 0; index < pixels.length; index += 4 * 7) colours.add(((pixels[index] ?? 0) << 16) | ((pixels[index + 1] ?? 0) << 8) | (pixels[index + 2] ?? 0));
      return colours.size;
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}
