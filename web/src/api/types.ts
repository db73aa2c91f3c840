/**
 * What the national API answers, as the web reads it. The event itself is the shared
 * contract's EventPublic; the national API adds where it comes from (provenance).
 */
import type { EventPublic, RegionCode } from '@constellation/shared';

/** Another hub's copy of the same event (cross-hub duplicates are listed once). */
export interface EventSource {
  hub: string;
  hubName?: string;
  id?: string;
  url: string;
}

export interface Provenance {
  /** The hub's display name (EventPublic.hub is its id). */
  hubName?: string;
  /** When the aggregator last synced it from its hub. */
  syncedAt?: string;
  sources?: EventSource[];
  /** Its picture as the national site serves it (a path there); on the national site, the hub's image is never loaded. */
  thumbnail?: string;
}

export type NationalEvent = EventPublic & Provenance;

export interface Occurrence {
  start: string;
  end: string;
}

export interface ListItem {
  event: NationalEvent;
  occurrence: Occurrence;
}

export interface Page<Item> {
  items: Item[];
  next: string | null;
}

export interface EventDetail {
  event: NationalEvent;
  /** Its occurrences in order (a hub adds the past year's; the national API the upcoming ones). */
  occurrences: Occurrence[];
  /** More upcoming dates exist than listed. */
  more?: boolean;
}

/** The umbrella event (a village des sciences, a festival) a map cluster is made of. */
export interface MapUmbrella {
  hub: string;
  id: string;
  title: string;
  placeName?: string;
}

/** What the map draws at a zoom: a bubble of many events, or one event. */
export type MapItem =
  | { kind: 'cluster'; lat: number; lon: number; count: number; expansionZoom?: number; /** The box around its events [west, south, east, north]. */ bbox?: [number, number, number, number]; /** No zoom splits it (the server's expansionZoom is null): its events share one spot. */ sameSpot?: true; /** All its events are one village's (the umbrella and its programme): it opens into the programme. */ umbrella?: MapUmbrella }
  | { kind: 'event'; lat: number; lon: number; hub: string; id: string; title: string; placeName?: string; hubName?: string; start?: string; end?: string; timeZone?: string; url?: string };

/** A place to visit or a participatory project on the national map (GET /api/v1/points). */
export interface DirectoryPoint {
  type: 'place' | 'project';
  hub: string;
  id: string;
  title: string;
  lat: number;
  lon: number;
  /** A place's kind, a project's participation type. */
  kind: string;
  commune?: string;
  /** Its page on its hub. */
  url: string;
}

export interface HubHealth {
  id: string;
  name: string;
  region?: RegionCode | string;
  status?: string;
  baseUrl?: string;
  lastSyncAt?: string;
  lagSeconds?: number;
  events?: number;
  lastError?: string;
}

/** What a server says about the site, from /api/v1/config (absent on the aggregator: national). */
export interface SiteConfig {
  mode: 'national' | 'regional';
  name?: string;
  hubId?: string;
  region?: string;
  /** A MapLibre style URL; absent: Plan IGN, falling back to the bundled offline basemap (map/base-style.ts). */
  mapStyle?: string;
  /** A hub's one-line description, set by its operator. */
  tagline?: string;
  baseUrl?: string;
  /** The operator's branding: an accent colour "#rrggbb" (AA against the palette, checked by the hub), a logo, social links. */
  accentColor?: string;
  logoUrl?: string;
  socialLinks?: string[];
  /** The hub's partners, in the operator's order: name, https link, uploaded logo. */
  partners?: { name: string; url: string; logoUrl: string }[];
}

/** A change on the live stream (`/api/v1/stream`). */
export type LiveChange =
  | {
      op: 'upsert';
      seq: string;
      hub: string;
      id: string;
      type: string;
      title?: string;
      start?: string;
      end?: string;
      lat?: number | null;
      lon?: number | null;
      listed?: boolean;
      url?: string;
    }
  | { op: 'delete'; seq: string; hub: string; id: string; type: string; reason?: string };

/** One activity of an umbrella event's programme (a village des sciences' stand, talk…). */
export interface ProgrammeItem {
  hub: string;
  id: string;
  /** A hub names its events' pages by slug. */
  slug?: string;
  title: string;
  start?: string;
  end?: string;
  timeZone?: string;
  place?: string;
}

/** Around an event: an umbrella's programme, the umbrella of a child, the editions of a yearly event. */
export interface RelatedEvents {
  programme: ProgrammeItem[];
  /** Oldest first; the event itself is not among them. */
  editions: ProgrammeItem[];
  umbrella?: ProgrammeItem;
}

/** A national campaign (the Fête de la science…), as the aggregator publishes it. */
export interface CampaignSummary {
  slug: string;
  name: string;
  /** Calendar days in France, inclusive. */
  startDate: string;
  endDate: string;
  description?: string;
  logo?: { url: string; alt?: string };
  regions: string[];
  /** Its national page. */
  url?: string;
}

/** A campaign with its events counted (the page's filters applied). */
export interface CampaignDetail {
  campaign: CampaignSummary;
  counts: { total: number; byRegion: Record<string, number>; byFormat: Record<string, number> };
}
