import Type, { type Static } from 'typebox';
import { moderationStatuses, vocabularySchema } from './vocab/index.ts';
import { HttpUrl, Id } from './schema/primitives.ts';

/*
 * Importing events from other agendas ("enter once, appear everywhere"): what a client
 * sends to a hub's import endpoint and the report it gets back. The web's import form
 * and the hub's route share these shapes.
 */

export const IMPORT_LIMITS = {
  /** Largest file (iCal text or OpenAgenda JSON) a hub parses, in bytes; a larger one is refused unread. */
  bytes: 5 * 1024 * 1024,
  /** Most events one import may carry: an agenda that big should be split, not pushed through one transaction. */
  events: 2_000,
  /** Longest external id (an iCal UID, an OpenAgenda uid) a hub remembers. */
  externalId: 500,
} as const;

/** Where the events come from: an iCal URL the hub fetches, an iCal text, or an OpenAgenda JSON export. */
export const importSources = ['ical-url', 'ical', 'openagenda'] as const;
export type ImportSource = (typeof importSources)[number];

/**
 * One object rather than a union, so unknown fields are refused at the top level; which
 * of url, text and json is required depends on source (the hub says so with a 400).
 */
export const ImportRequest = Type.Object(
  {
    source: Type.Enum(importSources),
    /** With source "ical-url": fetched by the hub (no private addresses, 15 s, 5 MB). */
    url: Type.Optional(HttpUrl),
    /** With source "ical": the iCalendar text itself (the hub counts its cap in bytes, then answers 413). */
    text: Type.Optional(Type.String()),
    /** With source "openagenda": the export as parsed JSON, `{ events: [...] }`. */
    json: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ImportRequest = Static<typeof ImportRequest>;

/** One event of the file that was (or in a dry run would be) created, updated or left as it was. */
export const ImportedEvent = Type.Object(
  {
    /** Position of the event in the file, from 0. */
    index: Type.Integer({ minimum: 0 }),
    externalId: Type.String(),
    title: Type.String(),
    /** The hub's event; absent in a dry run for events not created yet. */
    id: Type.Optional(Id),
    status: Type.Optional(vocabularySchema(moderationStatuses)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ImportedEvent = Static<typeof ImportedEvent>;

export const RejectedEvent = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    externalId: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    /** Sentences naming the field at fault, e.g. "description must not have more than 20000 characters". */
    reasons: Type.Array(Type.String(), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type RejectedEvent = Static<typeof RejectedEvent>;

/**
 * committed: written (in partial mode, the events that passed; `rejected` lists the others,
 * which were not). dry-run: nothing written; the lists say what the import would do.
 * refused: nothing written because at least one event was rejected (all or nothing);
 * the lists say what would have happened to the others.
 */
export const importOutcomes = ['committed', 'dry-run', 'refused'] as const;

export const ImportReport = Type.Object(
  {
    source: Type.Enum(importSources),
    outcome: Type.Enum(importOutcomes),
    counts: Type.Object(
      {
        created: Type.Integer({ minimum: 0 }),
        updated: Type.Integer({ minimum: 0 }),
        unchanged: Type.Integer({ minimum: 0 }),
        rejected: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    created: Type.Array(ImportedEvent),
    updated: Type.Array(ImportedEvent),
    unchanged: Type.Array(ImportedEvent),
    rejected: Type.Array(RejectedEvent),
  },
  { additionalProperties: false },
);
export type ImportReport = Static<typeof ImportReport>;
