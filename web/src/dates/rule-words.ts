/**
 * A recurrence rule in words, as people say it: "le 2e samedi de chaque mois, de 14:00 à
 * 16:00, jusqu'au 12 juin 2027" / "on the 2nd Saturday of every month, 2:00 – 4:00 PM,
 * until June 12, 2027". In English, times and dates are Intl's "en", as in the list of
 * dates under the rule (formatRange): the page says one clock, not two. The common rules (daily, weekly on days, monthly on a date or an
 * nth weekday, yearly; an interval; until or a count) are said; anything rarer gives
 * undefined, and the page lists the dates alone.
 */
import { parseRRule, type Locale, type Weekday } from '@constellation/shared';

export interface RuleSource {
  /** The first occurrence's wall-clock start and end, in the event's zone (YYYY-MM-DDTHH:MM[:SS]). */
  start: string;
  end: string;
  rrule: string;
  /** Cancelled occurrences' starts, same form: said as "sauf le 8 mai 2027". */
  exdates?: readonly string[] | undefined;
}

/** Exceptions named one by one up to this many; past it, how many. */
const NAMED_EXCEPTIONS = 3;

const WEEKDAY_INDEX: Readonly<Record<Weekday, number>> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 0 };

/** A weekday's name: 2026-12-06 was a Sunday (index 0). */
function weekdayName(day: Weekday, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 11, 6 + WEEKDAY_INDEX[day])));
}

function list(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

function frOrdinal(n: number, masculine = true): string {
  if (n === -1) return 'dernier';
  if (n === 1) return masculine ? '1er' : '1re';
  return `${n}e`;
}

function enOrdinal(n: number): string {
  if (n === -1) return 'last';
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The Intl locale of the app's dates (formatRange's): French, or English as "en". */
function intlLocale(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en';
}

/** A wall-clock date (YYYY-MM-DD...) in words: "12 juin 2027" / "June 12, 2027". */
function dayWords(local: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${local.slice(0, 10)}T12:00:00Z`));
}

function clock(local: string): string {
  return local.slice(11, 16);
}

/** "2:00 – 4:00 PM" (or "2:00 PM" alone), from wall-clock "14:00" and "16:00", with formatRange's options. */
function englishTimes(from: string, to: string): string {
  const at = (time: string) => new Date(`2026-12-12T${time}:00Z`);
  const format = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return from === to ? format.format(at(from)) : format.formatRange(at(from), at(to));
}

/** The weekday of a wall-clock date. */
function weekdayOf(local: string): Weekday {
  const index = new Date(`${local.slice(0, 10)}T12:00:00Z`).getUTCDay();
  return (Object.keys(WEEKDAY_INDEX) as Weekday[]).find((day) => WEEKDAY_INDEX[day] === index) ?? 'MO';
}

export function describeRule(source: RuleSource, locale: Locale): string | undefined {
  const parsed = parseRRule(source.rrule.trim());
  if (!parsed.ok) return undefined;
  const rule = parsed.rule;
  const rare = [rule.bySecond, rule.byMinute, rule.byHour, rule.byYearDay, rule.byWeekNo, rule.bySetPos];
  if (rare.some((value) => value !== undefined)) return undefined;
  const fr = locale === 'fr';
  const every = rule.interval;
  const days = rule.byDay ?? [];
  let pattern: string | undefined;
  switch (rule.freq) {
    case 'DAILY':
      if (days.length > 0 || rule.byMonthDay !== undefined || rule.byMonth !== undefined) return undefined;
      pattern = every === 1 ? (fr ? 'tous les jours' : 'every day') : fr ? `tous les ${every} jours` : `every ${every} days`;
      break;
    case 'WEEKLY': {
      if (rule.byMonthDay !== undefined || rule.byMonth !== undefined || days.some((day) => day.ordinal !== undefined)) return undefined;
      const names = (days.length > 0 ? days.map((day) => day.weekday) : [weekdayOf(source.start)]).map((day) => weekdayName(day, locale));
      if (fr) pattern = every === 1 ? `chaque ${list(names, locale)}` : `un ${list(names, locale)} toutes les ${every} semaines`;
      else pattern = every === 1 ? `every ${list(names, locale)}` : `every ${every} weeks on ${list(names, locale)}`;
      break;
    }
    case 'MONTHLY': {
      if (rule.byMonth !== undefined) return undefined;
      const period = fr ? (every === 1 ? 'de chaque mois' : `, tous les ${every} mois`) : every === 1 ? 'of every month' : `, every ${every} months`;
      if (days.length > 0) {
        if (rule.byMonthDay !== undefined || days.length !== 1 || days[0]?.ordinal === undefined) return undefined;
        const [only] = days;
        if (only?.ordinal === undefined) return undefined;
        const name = weekdayName(only.weekday, locale);
        pattern = fr ? `le ${frOrdinal(only.ordinal)} ${name} ${period}` : `on the ${enOrdinal(only.ordinal)} ${name} ${period}`;
      } else {
        const dates = rule.byMonthDay ?? [Number(source.start.slice(8, 10))];
        if (dates.some((date) => date < 1)) return undefined;
        pattern = fr ? `le ${list(dates.map((date) => (date === 1 ? '1er' : String(date))), locale)} ${period}` : `on the ${list(dates.map(enOrdinal), locale)} ${period}`;
      }
      pattern = pattern.replace(' ,', ',');
      break;
    }
    case 'YEARLY': {
      if (days.length > 0 || rule.byMonthDay !== undefined || rule.byMonth !== undefined) return undefined;
      const date = new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${source.start.slice(0, 10)}T12:00:00Z`));
      pattern = fr ? (every === 1 ? `chaque année, le ${date}` : `tous les ${every} ans, le ${date}`) : every === 1 ? `every year on ${date}` : `every ${every} years on ${date}`;
      break;
    }
    default:
      return undefined;
  }
  const parts = [pattern];
  const from = clock(source.start);
  const to = clock(source.end);
  if (from !== '') parts.push(fr ? (from === to ? `à ${from}` : `de ${from} à ${to}`) : from === to ? `at ${englishTimes(from, to)}` : englishTimes(from, to));
  if (rule.until !== undefined) parts.push(fr ? `jusqu’au ${dayWords(`${rule.until.slice(0, 4)}-${rule.until.slice(4, 6)}-${rule.until.slice(6, 8)}`, locale)}` : `until ${dayWords(`${rule.until.slice(0, 4)}-${rule.until.slice(4, 6)}-${rule.until.slice(6, 8)}`, locale)}`);
  else if (rule.count !== undefined) parts.push(fr ? `${rule.count} fois à partir du ${dayWords(source.start, locale)}` : `${rule.count} times from ${dayWords(source.start, locale)}`);
  else parts.push(fr ? `à partir du ${dayWords(source.start, locale)}` : `from ${dayWords(source.start, locale)}`);
  const exceptions = source.exdates ?? [];
  if (exceptions.length > 0 && exceptions.length <= NAMED_EXCEPTIONS) {
    const named = list(exceptions.map((exdate) => (fr ? `le ${dayWords(exdate, locale)}` : dayWords(exdate, locale))), locale);
    parts.push(fr ? `sauf ${named}` : `except ${named}`);
  } else if (exceptions.length > NAMED_EXCEPTIONS) parts.push(fr ? `sauf ${exceptions.length} dates` : `except ${exceptions.length} dates`);
  return parts.join(', ');
}
