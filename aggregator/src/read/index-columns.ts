import { carve } from './arena.ts';

/*
 * The map index's columns (map-index.ts): one typed array per field, one slot per event,
 * all carved from one buffer; and the flags a slot carries.
 */

export const LIVE = 1;
export const PLACED = 2;
export const FREE = 4;
export const ONLINE = 8;

export const COLUMNS = {
  rowId: Int32Array,
  lat: Float64Array,
  lon: Float64Array,
  /** Morton key of the place (morton.ts); Infinity without a place. */
  key: Float64Array,
  /** Earliest start and latest end of all occurrences (epoch ms). */
  first: Float64Array,
  last: Float64Array,
  disciplines: Int32Array,
  audiences: Int32Array,
  accessibility: Int32Array,
  /** Index in eventFormats.values. */
  format: Uint8Array,
  /** Index in regions.values (of the publishing hub). */
  region: Uint8Array,
  /** Index in hubIds. */
  hub: Uint16Array,
  /** For a cross-hub copy: 1 + the hub index of the event it copies; 0 when listed in its own right. */
  copyOf: Uint16Array,
  /** 1 + index in the actor dictionary. */
  actor: Int32Array,
  /** 1 + index in the campaign dictionary; 0 without a campaign. */
  campaign: Int32Array,
  /** 1 + index in the umbrella dictionary (the parent event's id); 0 when not part of an umbrella. */
  parent: Int32Array,
  flags: Uint8Array,
  /** Offset of the event's occurrences in `pool`; -1 with a single occurrence (first..last). */
  occ: Int32Array,
} as const;

export type ColumnName = keyof typeof COLUMNS;
export type Columns = { [Name in ColumnName]: InstanceType<(typeof COLUMNS)[Name]> };

export function allocate(capacity: number): Columns {
  return carve(Object.fromEntries(Object.entries(COLUMNS).map(([name, Kind]) => [name, [Kind, capacity] as const])) as { [Name in ColumnName]: readonly [(typeof COLUMNS)[Name], number] }) as Columns;
}
