import { accessibilityFlags, isLocalDateTime, isTimeZone, LIMITS, OPENAGENDA_ACCESSIBILITY_KEYS, type AttendanceMode, type EventInput, type EventStatus, type Location } from '@constellation/shared';
import { formatInstant, zonedToUtc } from '@constellation/shared/server';
import { UnprocessableError } from '../errors.ts';
import { assertEventCount, assertImportSize, CandidateList, CandidateProblem, type ParsedImport, type ParseOptions } from './candidates.ts';
import { keywordsOf, multiLine, numberOf, oneLine, stringOf } from './text.ts';

/*
 * An OpenAgenda export (API v2 / JSON export: `{ events: [...] }`) → the contract's
 * events. OpenAgenda has no rules, only timings (slots of at most 24 h), which map one
 * to one; its multilingual fields are read in French first, as its agendas mostly are.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** OpenAgenda statuses: rescheduled and moved-online events are scheduled ones with new timings or mode. */
const STATUSES: Readonly<Record<number, EventStatus>> = { 1: 'scheduled', 2: 'scheduled', 3: 'scheduled', 4: 'postponed', 5: 'full', 6: 'cancelled' };
const ATTENDANCE: Readonly<Record<number, AttendanceMode>> = { 1: 'in-person', 2: 'online', 3: 'mixed' };
const LANGUAGES = ['fr', 'en'];

/** A multilingual value ({ fr, en, ... }) in French, else English, else any language; a plain value as it is. */
function pick(value: unknown): unknown {
  if (!isObject(value)) return value;
  for (const language of LANGUAGES) if (value[language] !== undefined && value[language] !== null) return value[language];
  return Object.values(value).find((text) => text !== undefined && text !== null);
}

const pickText = (value: unknown): string | undefined => stringOf(pick(value));

// OpenAgenda writes offsets with or without a colon, and sometimes milliseconds.
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

function instantOf(value: unknown, zone: string, label: string): number {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  const wall = match?.[1];
  if (match === null || wall === undefined || !isLocalDateTime(wall)) throw new CandidateProblem(`${label} ${JSON.stringify(String(value).slice(0, 40))} is not a real date-time`);
  const offset = match[2];
  if (offset === undefined) return zonedToUtc(wall, zone);
  const seconds = wall.length === 16 ? `${wall}:00` : wall;
  const ms = Date.parse(`${seconds}${offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`}`);
  if (Number.isNaN(ms)) throw new CandidateProblem(`${label} ${JSON.stringify(String(value).slice(0, 40))} has an invalid offset`);
  return ms;
}

function zoneOf(event: Json): string | undefined {
  const zone = stringOf(event.timezone) ?? (isObject(event.location) ? stringOf(event.location.timezone) : undefined);
  if (zone !== undefined && !isTimeZone(zone)) throw new CandidateProblem(`timezone ${JSON.stringify(zone.slice(0, 60))} is not a known IANA time zone`);
  return zone;
}

function timingsOf(event: Json, zone: string): EventInput['timings'] {
  const timings = event.timings;
  if (!Array.isArray(timings) || timings.length === 0) throw new CandidateProblem('has no timings');
  if (timings.length > LIMITS.timings) throw new CandidateProblem(`has ${timings.length} timings; an event has at most ${LIMITS.timings}`);
  return timings.map((timing: unknown, index) => {
    if (!isObject(timing)) throw new CandidateProblem(`timings.${index} is not a { begin, end } object`);
    return { start: formatInstant(instantOf(timing.begin, zone, `timings.${index}.begin`), zone), end: formatInstant(instantOf(timing.end, zone, `timings.${index}.end`), zone) };
  });
}

function placeOf(location: unknown): Location | undefined {
  if (!isObject(location)) return undefined;
  const place: Location = {};
  const name = oneLine(stringOf(location.name));
  const address = oneLine(stringOf(location.address));
  const commune = oneLine(stringOf(location.city));
  const postalCode = stringOf(location.postalCode);
  const inseeCode = stringOf(location.insee);
  const [lat, lon] = [numberOf(location.latitude), numberOf(location.longitude)];
  if (name !== undefined) place.name = name;
  if (address !== undefined) place.address = address;
  if (commune !== undefined) place.commune = commune;
  // Foreign postcodes and codes OpenAgenda left blank do not fit the French fields: the address keeps them.
  if (postalCode !== undefined && /^\d{5}$/.test(postalCode)) place.postalCode = postalCode;
  if (inseeCode !== undefined && /^(?:\d{2}|2A|2B)\d{3}$/.test(inseeCode)) place.inseeCode = inseeCode;
  if (lat !== undefined && lon !== undefined) Object.assign(place, { lat, lon });
  return Object.keys(place).length > 0 ? place : undefined;
}

function accessibilityOf(value: unknown): EventInput['accessibility'] {
  if (!isObject(value)) return undefined;
  const flags = accessibilityFlags.values.filter((flag) => value[OPENAGENDA_ACCESSIBILITY_KEYS[flag]] === true);
  return flags.length > 0 ? flags : undefined;
}

function ageOf(value: unknown): EventInput['ageRange'] {
  if (!isObject(value)) return undefined;
  // OpenAgenda uses large maxima (121) for "no upper bound".
  const bound = (age: unknown) => (Number.isInteger(age) && (age as number) >= 0 && (age as number) <= 120 ? (age as number) : undefined);
  const [min, max] = [bound(value.min), bound(value.max)];
  if (min === undefined && max === undefined) return undefined;
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function imageOf(event: Json): EventInput['image'] {
  const image = event.image;
  const url = typeof image === 'string' ? image : isObject(image) ? (stringOf(image.url) ?? (stringOf(image.base) !== undefined && stringOf(image.filename) !== undefined ? `${String(image.base)}${String(image.filename)}` : undefined)) : undefined;
  if (url === undefined) return undefined;
  const credit = oneLine(stringOf(event.imageCredits));
  return { url, ...(credit === undefined ? {} : { credit }) };
}

function registrationOf(value: unknown): EventInput['registration'] {
  if (!Array.isArray(value)) return undefined;
  const registration: NonNullable<EventInput['registration']> = { required: false };
  for (const entry of value) {
    if (!isObject(entry) || typeof entry.value !== 'string') continue;
    const text = entry.value.trim();
    if ((entry.type === 'link' || entry.type === 'url') && registration.url === undefined) registration.url = text;
    if (entry.type === 'email' && registration.email === undefined) registration.email = text;
    if (entry.type === 'phone' && registration.phone === undefined) registration.phone = text;
  }
  return Object.keys(registration).length > 1 ? registration : undefined;
}

function priceOf(conditions: string | undefined): EventInput['price'] {
  const details = oneLine(conditions);
  if (details === undefined) return undefined;
  return { free: /\b(gratuit|free|entr[ée]e libre)/i.test(details), details };
}

function codeOf<T>(table: Readonly<Record<number, T>>, value: unknown, field: string, fallback: T): T {
  if (value === undefined || value === null) return fallback;
  const mapped = typeof value === 'number' ? table[value] : undefined;
  if (mapped === undefined) throw new CandidateProblem(`${field} ${JSON.stringify(value).slice(0, 20)} is not one of OpenAgenda's codes (${Object.keys(table).join(', ')})`);
  return mapped;
}

function mapEvent(event: Json, options: ParseOptions): EventInput {
  const title = oneLine(pickText(event.title));
  if (title === undefined) throw new CandidateProblem('has no title');
  const timeZone = zoneOf(event) ?? options.defaultTimeZone;
  const attendanceMode = codeOf(ATTENDANCE, event.attendanceMode, 'attendanceMode', 'in-person');
  const eventStatus = codeOf(STATUSES, event.status, 'status', 'scheduled');
  const place = placeOf(event.location) ?? (attendanceMode === 'online' ? undefined : options.fallbackPlace);
  const summary = oneLine(pickText(event.description));
  const description = multiLine(pickText(event.longDescription));
  const onlineUrl = stringOf(event.onlineAccessLink)?.trim();
  const keywords = pick(event.keywords);
  const optional: Partial<EventInput> = {
    summary,
    description,
    onlineUrl: onlineUrl === '' ? undefined : onlineUrl,
    place,
    keywords: Array.isArray(keywords) ? keywordsOf(keywords, LIMITS.keywords) : undefined,
    accessibility: accessibilityOf(event.accessibility),
    ageRange: ageOf(event.age),
    image: imageOf(event),
    registration: registrationOf(event.registration),
    price: priceOf(pickText(event.conditions)),
  };
  return {
    actorId: options.actorId,
    title,
    timeZone,
    timings: timingsOf(event, timeZone),
    attendanceMode,
    format: 'other',
    ...(eventStatus === 'scheduled' ? {} : { eventStatus }),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

function eventsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isObject(json) && Array.isArray(json.events)) return json.events;
  throw new UnprocessableError('invalid_openagenda', 'the JSON is not an OpenAgenda export: expected { "events": [...] }', 'json');
}

/** Maps an OpenAgenda export (already parsed JSON) into candidate events for `options.actorId`. */
export function parseOpenAgenda(json: unknown, options: ParseOptions): ParsedImport {
  const events = eventsOf(json);
  assertEventCount(events.length);
  const list = new CandidateList('openagenda');
  events.forEach((event, index) => {
    if (!isObject(event)) return list.reject(index, ['is not a JSON object']);
    const uid = typeof event.uid === 'number' || typeof event.uid === 'string' ? String(event.uid) : undefined;
    list.add(index, uid, oneLine(pickText(event.title)), () => mapEvent(event, options));
  });
  return list.result();
}

/** An export file's JSON: refused unread when too big, refused when not JSON. */
export function openAgendaJson(text: string): unknown {
  assertImportSize(Buffer.byteLength(text, 'utf8'));
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnprocessableError('invalid_openagenda', `the file is not valid JSON: ${String((error as Error).message).slice(0, 200)}`, 'json');
  }
}
