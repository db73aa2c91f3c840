/**
 * The contribute forms, described as data: each type's fields in order, what kind of input
 * each is, and how a form's values (strings, as inputs hold them) become the API's input
 * and back. Empty optionals are left out of the input, never sent as "".
 */
import type { Vocabulary } from '@constellation/shared';
import type { StringKey } from '../i18n/strings.ts';

export interface LocationDraft {
  name: string;
  address: string;
  postalCode: string;
  commune: string;
  inseeCode: string;
  lat: string;
  lon: string;
}
export interface ImageDraft {
  url: string;
  alt: string;
  credit: string;
}
export interface PriceDraft {
  /** '' when not said. */
  mode: '' | 'free' | 'paid';
  /** The full price in euros as typed ("12,50"); paid events only. */
  amount: string;
  details: string;
}
export interface RegistrationDraft {
  required: boolean;
  url: string;
  email: string;
  phone: string;
}
export interface HoursDraft {
  days: string[];
  opens: string;
  closes: string;
}

/** One entry of a dossier: a piece of content of this hub, by type and id, with a note. */
export interface DossierItemDraft {
  type: string;
  id: string;
  note: string;
}

export type FieldValue = string | string[] | boolean | LocationDraft | ImageDraft | PriceDraft | RegistrationDraft | HoursDraft[] | DossierItemDraft[];
export type FormValues = Record<string, FieldValue>;

interface Base {
  /** The input's field name, which is also the path the API names in its errors. */
  name: string;
  label: StringKey;
  required?: boolean;
  hint?: StringKey;
}

export type FieldSpec =
  | (Base & { kind: 'line' | 'text' | 'markdown' | 'url' | 'email' | 'tel' | 'date'; maxLength?: number })
  | (Base & { kind: 'select' | 'multi'; vocabulary: Vocabulary<string>; /** A select that always holds a choice: shown when the value is empty, with no "choose" entry. */ fallback?: string })
  /** Comma-separated words: keywords, languages, skills. */
  | (Base & { kind: 'list' })
  /** One of the actors the account acts for. */
  | (Base & { kind: 'actor' })
  | (Base & { kind: 'timezone' })
  /** A national campaign the hub learnt from the aggregator (running or coming). */
  | (Base & { kind: 'campaign' })
  | (Base & { kind: 'checkbox' })
  | (Base & { kind: 'location' | 'image' | 'price' | 'registration' | 'hours' | 'items' });

export const EMPTY_LOCATION: LocationDraft = { name: '', address: '', postalCode: '', commune: '', inseeCode: '', lat: '', lon: '' };
export const EMPTY_IMAGE: ImageDraft = { url: '', alt: '', credit: '' };

/** A form's starting values: every field empty (selects on their first choice when required). */
export function emptyValues(specs: readonly FieldSpec[]): FormValues {
  const values: FormValues = {};
  for (const spec of specs) values[spec.name] = emptyValue(spec);
  return values;
}

function emptyValue(spec: FieldSpec): FieldValue {
  switch (spec.kind) {
    case 'multi':
      return [];
    case 'checkbox':
      return false;
    case 'location':
      return { ...EMPTY_LOCATION };
    case 'image':
      return { ...EMPTY_IMAGE };
    case 'price':
      return { mode: '', amount: '', details: '' };
    case 'registration':
      return { required: false, url: '', email: '', phone: '' };
    case 'hours':
    case 'items':
      return [];
    case 'timezone':
      return 'Europe/Paris';
    default:
      return '';
  }
}

const text = (value: FieldValue | undefined): string => (typeof value === 'string' ? value : '');

/** A typed number stays text when it is not one, so the API names the field rather than the form losing it. */
function coordinate(value: string): number | string | undefined {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

/** Drops the keys whose value is undefined. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function nonEmpty(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function locationInput(draft: LocationDraft): Record<string, unknown> | undefined {
  const location = compact({
    name: nonEmpty(draft.name),
    address: nonEmpty(draft.address),
    postalCode: nonEmpty(draft.postalCode),
    commune: nonEmpty(draft.commune),
    inseeCode: nonEmpty(draft.inseeCode),
    lat: coordinate(draft.lat),
    lon: coordinate(draft.lon),
  });
  return Object.keys(location).length === 0 ? undefined : location;
}

/** "a, b, a ,," → ["a", "b"]. */
export function splitList(value: string): string[] {
  return [...new Set(value.split(',').map((item) => item.trim()).filter((item) => item !== ''))];
}

/**
 * Rows left blank at the end (an "add" clicked once too often) are not sent; blank rows in
 * between are, so the API's "items.2.id" still names the third row on screen.
 */
function withoutTrailingBlanks<Row>(rows: readonly Row[], blank: (row: Row) => boolean): Row[] {
  let end = rows.length;
  while (end > 0 && blank(rows[end - 1] as Row)) end -= 1;
  return rows.slice(0, end);
}

/** One field's value as the API wants it; undefined leaves it out. */
function fieldInput(spec: FieldSpec, value: FieldValue | undefined): unknown {
  switch (spec.kind) {
    case 'text':
    case 'markdown': {
      // Markdown keeps its own spacing; only a blank body counts as empty.
      const body = text(value);
      return body.trim() === '' ? (spec.required === true ? body : undefined) : body;
    }
    case 'multi':
      return Array.isArray(value) && value.length > 0 ? value : undefined;
    case 'list': {
      const items = splitList(text(value));
      return items.length > 0 ? items : undefined;
    }
    case 'checkbox':
      return value === true;
    case 'location': {
      const location = locationInput(value as LocationDraft);
      // A required location is sent even empty, so the API names what is missing.
      return location ?? (spec.required === true ? {} : undefined);
    }
    case 'image': {
      const image = value as ImageDraft;
      const result = compact({ url: image.url.trim(), alt: nonEmpty(image.alt), credit: nonEmpty(image.credit) });
      return image.url.trim() === '' && result.alt === undefined && result.credit === undefined ? undefined : result;
    }
    case 'price': {
      const price = value as PriceDraft;
      if (price.mode === '') return undefined;
      // A typed amount that is not a number is sent as text: the API names price.amount.
      return compact({ free: price.mode === 'free', amount: price.mode === 'paid' ? coordinate(price.amount) : undefined, details: nonEmpty(price.details) });
    }
    case 'registration': {
      const registration = value as RegistrationDraft;
      const result = compact({ required: registration.required, url: nonEmpty(registration.url), email: nonEmpty(registration.email), phone: nonEmpty(registration.phone) });
      return !registration.required && Object.keys(result).length === 1 ? undefined : result;
    }
    case 'hours': {
      const rows = withoutTrailingBlanks(value as HoursDraft[], (row) => row.days.length === 0 && row.opens === '' && row.closes === '');
      return rows.length === 0 ? undefined : rows.map((row) => ({ days: row.days, opens: row.opens, closes: row.closes }));
    }
    case 'items':
      // Always sent (a dossier's list is required, possibly empty).
      return withoutTrailingBlanks(value as DossierItemDraft[], (row) => row.id.trim() === '' && row.note.trim() === '').map((row) => compact({ type: row.type, id: row.id.trim(), note: nonEmpty(row.note) }));
    default: {
      // A required line is sent even empty: the API's "is required" lands on its field.
      const line = text(value).trim();
      return line === '' && spec.required !== true ? undefined : line;
    }
  }
}

/** Sets `a.b` inside `target`, making the objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  let node = target;
  for (const key of keys) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
  let node: unknown = source;
  for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** The API input for a form's values, empty optionals left out; a dotted name ("contact.email") nests. */
export function valuesToInput(specs: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = fieldInput(spec, values[spec.name]);
    if (value !== undefined) setPath(input, spec.name, value);
  }
  return input;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

function fieldValue(spec: FieldSpec, data: unknown): FieldValue {
  if (data === undefined || data === null) return emptyValue(spec);
  const record = (typeof data === 'object' ? data : {}) as Record<string, unknown>;
  switch (spec.kind) {
    case 'multi':
      return Array.isArray(data) ? data.filter((item): item is string => typeof item === 'string') : [];
    case 'list':
      return Array.isArray(data) ? data.filter((item): item is string => typeof item === 'string').join(', ') : '';
    case 'checkbox':
      return data === true;
    case 'location':
      return { name: str(record.name), address: str(record.address), postalCode: str(record.postalCode), commune: str(record.commune), inseeCode: str(record.inseeCode), lat: str(record.lat), lon: str(record.lon) };
    case 'image':
      return { url: str(record.url), alt: str(record.alt), credit: str(record.credit) };
    case 'price':
      return { mode: record.free === true ? 'free' : 'paid', amount: str(record.amount).replace('.', ','), details: str(record.details) };
    case 'registration':
      return { required: record.required === true, url: str(record.url), email: str(record.email), phone: str(record.phone) };
    case 'hours':
      return Array.isArray(data)
        ? data.map((row: unknown) => {
            const item = (row ?? {}) as Record<string, unknown>;
            return { days: Array.isArray(item.days) ? item.days.filter((day): day is string => typeof day === 'string') : [], opens: str(item.opens), closes: str(item.closes) };
          })
        : [];
    case 'items':
      return Array.isArray(data)
        ? data.map((row: unknown) => {
            const item = (row ?? {}) as Record<string, unknown>;
            return { type: str(item.type), id: str(item.id), note: str(item.note) };
          })
        : [];
    default:
      return str(data);
  }
}

/** A saved document's fields as form values (what the edit form starts from). */
export function inputToValues(specs: readonly FieldSpec[], data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const spec of specs) values[spec.name] = fieldValue(spec, getPath(data, spec.name));
  return values;
}

/** The paths a form has an input for (what an API issue can point at). */
export function fieldPaths(specs: readonly FieldSpec[], values: FormValues): string[] {
  const paths: string[] = [];
  for (const spec of specs) {
    paths.push(spec.name);
    if (spec.kind === 'location') for (const key of Object.keys(EMPTY_LOCATION)) paths.push(`${spec.name}.${key}`);
    if (spec.kind === 'image') for (const key of Object.keys(EMPTY_IMAGE)) paths.push(`${spec.name}.${key}`);
    if (spec.kind === 'price') paths.push(`${spec.name}.free`, `${spec.name}.amount`, `${spec.name}.details`);
    if (spec.kind === 'registration') paths.push(`${spec.name}.required`, `${spec.name}.url`, `${spec.name}.email`, `${spec.name}.phone`);
    if (spec.kind === 'hours') {
      const rows = values[spec.name];
      (Array.isArray(rows) ? rows : []).forEach((_, index) => paths.push(`${spec.name}.${index}.days`, `${spec.name}.${index}.opens`, `${spec.name}.${index}.closes`));
    }
    if (spec.kind === 'items') {
      const rows = values[spec.name];
      (Array.isArray(rows) ? rows : []).forEach((_, index) => paths.push(`${spec.name}.${index}`, `${spec.name}.${index}.type`, `${spec.name}.${index}.id`, `${spec.name}.${index}.note`));
    }
  }
  return paths;
}
