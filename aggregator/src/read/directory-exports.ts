/**
 * The national directories as open data: CSV (one row per place or project, for
 * spreadsheets and open-data portals) and GeoJSON (RFC 7946, for maps and GIS). Both carry
 * the same fields, under the same names, for the same filters as the directory's list.
 * Values are the contract's machine values (museum, field, astronomy...), lists joined
 * with "|" in CSV and kept as arrays in GeoJSON; `url` is the item's page on its hub.
 * (iCalendar and the news feeds stay for events: a place or a project has no date to
 * subscribe to.)
 */
import { csvNumberCell, csvTextCell } from '@constellation/shared/server';
import type { DirectoryKind, DirectoryRecord } from './directory.ts';

/** The most items one export serialises (a region has hundreds, the country thousands). */
export const DIRECTORY_EXPORT_MAX = 10_000;

type Value = string | number | boolean | readonly string[] | undefined;

export const PLACE_COLUMNS = ['id', 'hub', 'url', 'name', 'kind', 'summary', 'address', 'postal_code', 'commune', 'insee_code', 'lat', 'lon', 'disciplines', 'audiences', 'accessibility', 'free', 'price_details', 'website', 'phone', 'opening_notes', 'updated'] as const;
export const PROJECT_COLUMNS = ['id', 'hub', 'url', 'title', 'summary', 'participation_type', 'involvement', 'scope', 'regions', 'disciplines', 'audiences', 'commune', 'insee_code', 'lat', 'lon', 'website', 'start_date', 'end_date', 'keywords', 'updated'] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const list = (value: unknown): readonly string[] | undefined => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : undefined);
const object = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** One item's fields, by column; absent ones are undefined. */
export function directoryFields(type: DirectoryKind, record: DirectoryRecord): Record<string, Value> {
  const data = record.data;
  const location = object(data['location']);
  const common = {
    id: record.id,
    hub: record.hub,
    url: text(data['url']),
    summary: text(data['summary']),
    commune: text(location['commune']),
    insee_code: text(location['inseeCode']),
    lat: number(location['lat']),
    lon: number(location['lon']),
    disciplines: list(data['disciplines']),
    audiences: list(data['audiences']),
    website: text(data['website']),
    updated: text(data['updatedAt']),
  };
  if (type === 'place') {
    const price = object(data['price']);
    return {
      ...common,
      name: text(data['name']),
      kind: text(data['kind']),
      address: text(location['address']),
      postal_code: text(location['postalCode']),
      accessibility: list(data['accessibility']),
      free: typeof price['free'] === 'boolean' ? price['free'] : undefined,
      price_details: text(price['details']),
      phone: text(data['phone']),
      opening_notes: text(data['openingNotes']),
    };
  }
  return {
    ...common,
    title: text(data['title']),
    participation_type: text(data['participationType']),
    involvement: text(data['involvement']),
    scope: text(data['scope']),
    regions: list(data['regions']),
    start_date: text(data['startDate']),
    end_date: text(data['endDate']),
    keywords: list(data['keywords']),
  };
}

function cell(value: Value): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return csvNumberCell(value);
  if (typeof value === 'boolean') return String(value);
  return csvTextCell(typeof value === 'string' ? value : value.join('|'));
}

/** RFC 4180 with a byte-order mark (Excel), formula-looking cells neutralised, as /events.csv. */
export function renderDirectoryCsv(type: DirectoryKind, records: readonly DirectoryRecord[]): string {
  const columns = type === 'place' ? PLACE_COLUMNS : PROJECT_COLUMNS;
  const rows = records.map((record) => {
    const fields = directoryFields(type, record);
    return columns.map((column) => cell(fields[column])).join(',');
  });
  return `\ufeff${[columns.join(','), ...rows].join('\r\n')}\r\n`;
}

/** A FeatureCollection of the items with coordinates (a project may have none: it is in the CSV only). */
export function renderDirectoryGeoJson(type: DirectoryKind, records: readonly DirectoryRecord[]): string {
  const features = records.flatMap((record) => {
    const fields = directoryFields(type, record);
    const { lat, lon } = fields;
    if (typeof lat !== 'number' || typeof lon !== 'number') return [];
    const properties = Object.fromEntries(Object.entries(fields).filter(([name, value]) => value !== undefined && name !== 'lat' && name !== 'lon'));
    return [{ type: 'Feature', id: `${record.hub}/${record.id}`, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { type, ...properties } }];
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}
