/** Event schedules: wall-clock time in IANA zones, and expansion into occurrences. */
export { formatInstant, offsetMinutes, utcToZoned, zonedToUtc } from './zoned-time.ts';
export { materialise, MAX_OCCURRENCES, occurrencesBetween, span, type Occurrence, type Schedule } from './occurrences.ts';
