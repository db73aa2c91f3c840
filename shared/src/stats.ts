import Type, { type Static } from 'typebox';
import { contentTypes, vocabularySchema } from './vocab/index.ts';
import { DateTime, Id } from './schema/primitives.ts';

/*
 * A hub's statistics for its operators, counted on the hub: content published per type and
 * month, the moderation queue, decisions per moderator, the most viewed events and articles
 * (views per day, no reader identified) and the searches that found nothing.
 */

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a calendar day, YYYY-MM-DD (UTC)' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The period of the daily figures (views, decisions, searches): both days included, 30 days to today by default, at most 366 days. */
export const StatsQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false });
export type StatsQuery = Static<typeof StatsQuery>;

export const StatsReport = Type.Object(
  {
    from: Day,
    to: Day,
    /** Items published (and still public) per month of first publication, the last 12 months, oldest first. */
    published: Type.Array(Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }), type: vocabularySchema(contentTypes), count: Type.Integer() }, { additionalProperties: false })),
    queue: Type.Object(
      {
        pending: Type.Integer(),
        /** When the item waiting longest was submitted. */
        oldest: Nullable(DateTime),
        /** Pending items by how long they have waited: under a day, 1-3 days, 3-7 days, more. */
        ages: Type.Array(Type.Object({ bucket: Type.Union([Type.Literal('day'), Type.Literal('three-days'), Type.Literal('week'), Type.Literal('older')]), count: Type.Integer() }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    /** Approvals and refusals per moderator in the period (name null once the account is gone). */
    decisions: Type.Array(Type.Object({ userId: Id, name: Nullable(Type.String()), role: Nullable(Type.String()), approved: Type.Integer(), rejected: Type.Integer() }, { additionalProperties: false })),
    /** The most viewed events and articles of the period, with their views per day (days without a view left out). */
    mostViewed: Type.Array(
      Type.Object(
        {
          id: Id,
          type: vocabularySchema(contentTypes),
          title: Type.String(),
          slug: Nullable(Type.String()),
          views: Type.Integer(),
          days: Type.Array(Type.Object({ day: Day, views: Type.Integer() }, { additionalProperties: false })),
        },
        { additionalProperties: false },
      ),
    ),
    /** Searches of the public lists that found nothing, most frequent first. */
    searchMisses: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type StatsReport = Static<typeof StatsReport>;
