import { eventFormats, eventStatuses, type Locale } from '@constellation/shared';
import type { ListItem } from '../api/types.ts';
import { groupByDay } from '../dates/day-groups.ts';
import { dayKey, formatDay, formatRange } from '../dates/zoned.ts';
import { t } from '../i18n/locale.ts';
import { followLink, useRouter } from '../state/router.ts';
import { getSiteMode, viewPath } from '../state/url-state.ts';

export const itemKey = (item: { event: { hub: string; id: string } }) => `${item.event.hub}/${item.event.id}`;

/** Where, in one line: place name and commune (online when it has no place). */
function placeLine(item: ListItem, locale: Locale): string {
  const place = item.event.place;
  const parts = [place?.name, place?.commune].filter((part): part is string => part !== undefined && part !== '');
  if (parts.length === 0 && item.event.attendanceMode !== 'in-person') return t('online_badge', {}, locale);
  return [...new Set(parts)].join(', ');
}

export interface EventListProps {
  items: readonly ListItem[];
  locale: Locale;
  /** Keys (hub/id) of events that just arrived or changed live. */
  fresh?: ReadonlySet<string>;
  /** The heading level of the day headings (event titles are one below). */
  level?: 2 | 3;
  readerZone?: string;
  /** The present (tests set it): what began before today and is still on is listed first, "en cours". */
  now?: number;
}

/** Began on an earlier day and still on (an exhibition running for months): not "upcoming" under a past date. */
function isOngoing(item: ListItem, now: number): boolean {
  const zone = item.event.timeZone;
  return Date.parse(item.occurrence.end) > now && dayKey(item.occurrence.start, zone) < dayKey(new Date(now), zone);
}

/**
 * Events grouped by the day they happen, each day a heading and a list, each event an
 * article with a link to its page: the accessible primary view of what the map shows.
 */
export function EventList({ items, locale, fresh, level = 2, readerZone, now = Date.now() }: EventListProps) {
  const router = useRouter();
  const ongoing = items.filter((item) => isOngoing(item, now));
  const groups = groupByDay(
    items.filter((item) => !isOngoing(item, now)),
    (item) => item.occurrence.start,
    (item) => item.event.timeZone,
  );
  const DayHeading = level === 2 ? 'h2' : 'h3';
  const TitleHeading = level === 2 ? 'h3' : 'h4';
  const card = (item: ListItem, current: boolean) => {
    const key = itemKey(item);
    const status = item.event.eventStatus;
    const place = placeLine(item, locale);
    const until = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: item.event.timeZone }).format(new Date(item.occurrence.end));
    // Only the national site's own thumbnails: a hub's images are not loaded from there.
    const thumbnail = getSiteMode() === 'national' ? item.event.thumbnail : undefined;
    return (
      <li key={`${key}@${item.occurrence.start}`} class={`event-card${fresh?.has(key) === true ? ' fresh' : ''}${thumbnail === undefined ? '' : ' event-card-pictured'}`} data-key={key}>
        {/* The title next to it says what it is: decorative to a screen reader. */}
        {thumbnail === undefined ? null : <img class="event-thumb" src={thumbnail} alt="" width={480} height={270} loading="lazy" decoding="async" />}
        <TitleHeading class="event-title">
          <a href={viewPath({ name: 'event', hub: item.event.hub, id: item.event.id })} onClick={followLink(router)}>
            {item.event.title}
          </a>
        </TitleHeading>
        <p class="event-when">
          {current ? (
            <time dateTime={item.occurrence.end}>{t('ongoingUntil', { date: until }, locale)}</time>
          ) : (
            <time dateTime={item.occurrence.start}>{formatRange(item.occurrence.start, item.occurrence.end, { locale, timeZone: item.event.timeZone, allDay: item.event.allDay === true, ...(readerZone === undefined ? {} : { readerZone }) })}</time>
          )}
          {place === '' ? null : <span class="event-place"> · {place}</span>}
        </p>
        <p class="event-tags">
          {status !== 'scheduled' ? <span class={`tag tag-status tag-${status}`}>{eventStatuses.label(status, locale)}</span> : null}
          <span class="tag">{eventFormats.label(item.event.format, locale)}</span>
          {item.event.price?.free === true ? <span class="tag tag-free">{t('free_badge', {}, locale)}</span> : null}
          {item.event.attendanceMode !== 'in-person' ? <span class="tag tag-online">{t('online_badge', {}, locale)}</span> : null}
        </p>
        {getSiteMode() === 'national' && <p class="event-source">{t('fromHub', { hub: item.event.hubName ?? item.event.hub }, locale)}</p>}
      </li>
    );
  };
  return (
    <div class="event-list">
      {ongoing.length === 0 ? null : (
        <section class="day-group day-group-ongoing" aria-labelledby="day-ongoing">
          <DayHeading class="day-heading" id="day-ongoing">
            {t('ongoing', {}, locale)}
          </DayHeading>
          <ul class="day-events">{ongoing.map((item) => card(item, true))}</ul>
        </section>
      )}
      {groups.map((group) => (
        <section class="day-group" key={group.key} aria-labelledby={`day-${group.key}`}>
          <DayHeading class="day-heading" id={`day-${group.key}`}>
            {formatDay(group.key, locale)}
          </DayHeading>
          <ul class="day-events">{group.items.map((item) => card(item, false))}</ul>
        </section>
      ))}
    </div>
  );
}
