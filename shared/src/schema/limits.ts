/**
 * Caps on user-supplied sizes, in one place so the hub's storage, the aggregator's
 * ingest and the web's forms agree. Lengths are in UTF-16 code units (JSON Schema's
 * maxLength counts code points; the difference only ever makes a cap stricter).
 */
export const LIMITS = {
  title: 200,
  name: 200,
  summary: 500,
  /** Markdown bodies of events, places, projects, announcements, dossiers. */
  description: 20_000,
  /** Articles are long-form. */
  articleBody: 100_000,
  url: 2_048,
  email: 254,
  phone: 32,
  address: 300,
  commune: 100,
  alt: 300,
  credit: 200,
  keyword: 50,
  keywords: 20,
  languages: 10,
  disciplines: 10,
  skills: 20,
  skill: 60,
  timings: 500,
  exdates: 500,
  openingHours: 30,
  note: 500,
  dossierItems: 100,
  slug: 120,
  hubId: 64,
  reason: 1_000,
  /** A campaign's presentation (Markdown). */
  campaignDescription: 5_000,
  /** Longest single timing: a seasonal exhibition may run for a year. */
  timingDays: 366,
} as const;

/**
 * The years every date of the contract falls in (inclusive): instants, wall-clock times,
 * calendar days and a rule's UNTIL. Expansion stops at the end of the last year, so no
 * occurrence is ever computed beyond what dates, iCal and JavaScript can all represent,
 * and a recurrence with COUNT running past it is refused at the edge (see scheduleProblem
 * in shared/server). Wide enough for any real event's history and future.
 */
export const DATE_RANGE = { firstYear: 1900, lastYear: 2199 } as const;
