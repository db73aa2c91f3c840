/**
 * An event's dates as a reader wants them: its rule in words when it repeats, the next
 * dates first (the first few shown, every other one a click away), the past ones folded,
 * an occurrence under way marked "en cours", and add-to-calendar for every kind of event:
 * the hub's .ics of the event carries all its dates (a recurring one its RRULE), Google
 * gets the rule in the event's own zone (an event of several dates without a rule: the next
 * date, and its link says so), Outlook a single date.
 */
import type { Locale } from '@constellation/shared';
import { google, ics, outlook, type CalendarEvent } from 'calendar-link';
import type { NationalEvent, Occurrence } from '../api/types.ts';
import { describeRule } from '../dates/rule-words.ts';
import { formatRange } from '../dates/zoned.ts';
import { t } from '../i18n/locale.ts';
import { getSiteMode } from '../state/url-state.ts';

/** Dates shown before the "n more dates" fold. */
export const SHOWN_DATES = 6;

export function placeText(event: NationalEvent): string | undefined {
  const place = event.place;
  if (place === undefined) return undefined;
  const town = [place.postalCode, place.commune].filter((part) => part !== undefined && part !== '').join(' ');
  const parts = [place.name, place.address, town].filter((part): part is string => part !== undefined && part !== '');
  return parts.length === 0 ? undefined : parts.join(', ');
}

/** The day of `instant` on the event's clock, "2027-10-09". */
function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

function calendarEvent(event: NationalEvent, occurrence: Occurrence, pageUrl: string): CalendarEvent {
  const location = placeText(event);
  // All day: the days on the event's clock (calendar-link reads a date as that day; an
  // instant would be turned to UTC, the day before in France), the end exclusive as in iCal.
  const when = event.allDay === true ? { start: localDate(occurrence.start, event.timeZone), end: localDate(occurrence.end, event.timeZone), allDay: true } : { start: occurrence.start, end: occurrence.end };
  return {
    title: event.title,
    ...when,
    description: [event.summary, pageUrl].filter((part) => part !== undefined && part !== '').join('\n\n'),
    ...(location === undefined ? {} : { location }),
    url: pageUrl,
    uid: `${event.id}@${event.hub}`,
    ...(event.eventStatus === 'cancelled' ? { status: 'CANCELLED' as const } : {}),
  };
}

/**
 * The hub's iCalendar file of this one event (every date; a recurring event's RRULE and
 * exceptions with its VTIMEZONE): relative on the hub's own portal, from the event's hub
 * URL (…/events/<slug>) nationally.
 */
export function eventIcsUrl(event: NationalEvent): string | undefined {
  if (getSiteMode() === 'regional') return `/events/${encodeURIComponent(event.slug)}.ics`;
  try {
    const url = new URL(event.url ?? '');
    if ((url.protocol === 'https:' || url.protocol === 'http:') && /\/events\/[^/]+$/.test(url.pathname)) return `${url.origin}${url.pathname}.ics`;
  } catch {
    // No usable hub URL: the file is made here from the next date.
  }
  return undefined;
}

/** The recurrence's first occurrence as Google wants it, with the zone it repeats in. */
function googleWithRule(event: NationalEvent, first: Occurrence, pageUrl: string): string {
  const rule = event.recurrence?.rrule;
  const base = google({ ...calendarEvent(event, first, pageUrl), ...(rule === undefined ? {} : { rRule: rule }) });
  // Without its zone Google repeats the rule in UTC, and 18:00 drifts to 19:00 in summer.
  return rule === undefined ? base : `${base}&ctz=${encodeURIComponent(event.timeZone)}`;
}

function isOngoing(occurrence: Occurrence, now: number): boolean {
  return Date.parse(occurrence.start) <= now && Date.parse(occurrence.end) > now;
}

function untilText(occurrence: Occurrence, event: NationalEvent, locale: Locale): string {
  // An all-day occurrence ends at the midnight after its last day: "until" names that last day.
  const last = event.allDay === true ? Date.parse(occurrence.end) - 1 : Date.parse(occurrence.end);
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: event.timeZone }).format(new Date(last));
  return t('ongoingUntil', { date }, locale);
}

function DateItem({ occurrence, event, locale, now }: { occurrence: Occurrence; event: NationalEvent; locale: Locale; now: number }) {
  const ongoing = isOngoing(occurrence, now);
  const range = formatRange(occurrence.start, occurrence.end, { locale, timeZone: event.timeZone, withDay: true, now, allDay: event.allDay === true });
  return (
    <li class={ongoing ? 'date-ongoing' : undefined}>
      {ongoing ? (
        <>
          <span class="tag tag-ongoing">{t('ongoing', {}, locale)}</span> <time dateTime={occurrence.end}>{untilText(occurrence, event, locale)}</time> <span class="hint">({range})</span>
        </>
      ) : (
        <time dateTime={occurrence.start}>{range}</time>
      )}
    </li>
  );
}

export interface EventDatesProps {
  event: NationalEvent;
  occurrences: readonly Occurrence[];
  /** More upcoming dates exist than listed. */
  more?: boolean;
  locale: Locale;
  pageUrl: string;
  now?: number;
}

export function EventDates({ event, occurrences, more = false, locale, pageUrl, now = Date.now() }: EventDatesProps) {
  const upcoming = occurrences.filter((occurrence) => Date.parse(occurrence.end) > now);
  const past = occurrences.filter((occurrence) => Date.parse(occurrence.end) <= now).reverse();
  const shown = upcoming.slice(0, SHOWN_DATES);
  const folded = upcoming.slice(SHOWN_DATES);
  const rule = event.recurrence === undefined ? undefined : describeRule(event.recurrence, locale);
  const next = upcoming[0];
  const first = event.recurrence === undefined ? next : (occurrences[0] ?? next);
  const icsUrl = eventIcsUrl(event);
  const several = upcoming.length > 1 || event.recurrence !== undefined;
  return (
    <section aria-labelledby="dates-title">
      <h2 id="dates-title">{t('dates', {}, locale)}</h2>
      {event.recurrence === undefined ? null : <p class="date-rule">{rule === undefined ? t('datesRepeats', {}, locale) : t('datesRule', { rule }, locale)}</p>}
      {upcoming.length === 0 ? (
        <p>{t('datesNoneUpcoming', {}, locale)}</p>
      ) : (
        <>
          {several ? <h3 class="dates-heading">{t('datesNext', {}, locale)}</h3> : null}
          <ul class="dates">
            {shown.map((occurrence) => (
              <DateItem key={occurrence.start} occurrence={occurrence} event={event} locale={locale} now={now} />
            ))}
          </ul>
          {folded.length === 0 ? null : (
            <details class="dates-more">
              {/* Says what opening it shows: the dates after the first six, not all of them. */}
              <summary>{folded.length === 1 ? t('datesMoreOne', {}, locale) : t('datesMoreMany', { count: folded.length }, locale)}</summary>
              <ul class="dates">
                {folded.map((occurrence) => (
                  <DateItem key={occurrence.start} occurrence={occurrence} event={event} locale={locale} now={now} />
                ))}
              </ul>
            </details>
          )}
          {more ? <p class="hint">{t('datesMoreLater', {}, locale)}</p> : null}
        </>
      )}
      {past.length === 0 ? null : (
        <details class="dates-past">
          <summary>{t('datesPast', { count: past.length }, locale)}</summary>
          <ul class="dates">
            {past.map((occurrence) => (
              <DateItem key={occurrence.start} occurrence={occurrence} event={event} locale={locale} now={now} />
            ))}
          </ul>
        </details>
      )}
      {next === undefined || first === undefined ? null : (
        <div class="calendar-links no-print">
          <h3>{t('addToCalendar', {}, locale)}</h3>
          <ul>
            <li>
              {icsUrl === undefined ? (
                <a href={ics({ ...calendarEvent(event, first, pageUrl), ...(event.recurrence === undefined ? {} : { rRule: event.recurrence.rrule }) })} download={`${event.slug || event.id}.ics`}>
                  {t('calendarFile', {}, locale)}
                </a>
              ) : (
                <a href={icsUrl} download={`${event.slug || event.id}.ics`}>
                  {several ? t('calendarAllDates', {}, locale) : t('calendarFile', {}, locale)}
                </a>
              )}
            </li>
            <li>
              <a href={googleWithRule(event, first, pageUrl)} rel="noopener noreferrer" target="_blank">
                {event.recurrence !== undefined ? t('calendarEveryDateGoogle', {}, locale) : several ? t('calendarNextDateGoogle', {}, locale) : t('calendarGoogle', {}, locale)}
              </a>
            </li>
            {/* Outlook's link carries one date: offered when there is one. */}
            {several ? null : (
              <li>
                <a href={outlook(calendarEvent(event, next, pageUrl))} rel="noopener noreferrer" target="_blank">
                  {t('calendarOutlook', {}, locale)}
                </a>
              </li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
