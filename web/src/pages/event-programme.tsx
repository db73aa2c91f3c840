import type { Locale } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import type { NationalEvent, Occurrence, ProgrammeItem } from '../api/types.ts';
import { useFetch } from '../components/use-fetch.ts';
import { formatRange, formatInstantLong } from '../dates/zoned.ts';
import { t } from '../i18n/locale.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewPath } from '../state/url-state.ts';

/** A hub names its events' pages by slug; the national site by hub and id. */
function itemHref(item: ProgrammeItem): string {
  return viewPath(item.slug !== undefined ? { name: 'event', hub: '', id: '', slug: item.slug } : { name: 'event', hub: item.hub, id: item.id });
}

function yearOf(item: ProgrammeItem, timeZone: string): string | undefined {
  return item.start === undefined ? undefined : new Intl.DateTimeFormat('fr-FR', { year: 'numeric', timeZone }).format(new Date(item.start));
}

/**
 * What surrounds an event on its page: an umbrella's programme (a village des sciences'
 * activities, each an event of its own) by start with its times and place; on a child's
 * page, a link to its umbrella; for a yearly event, its other editions.
 */
export function EventProgramme({ api, event, occurrences, locale }: { api: ApiClient; event: NationalEvent; occurrences: readonly Occurrence[]; locale: Locale }) {
  const router = useRouter();
  // From the umbrella's first day: a past village still shows what it offered.
  const from = occurrences[0]?.start ?? event.createdAt;
  const [related] = useFetch(`related:${event.hub}/${event.id}`, (signal) => api.related(event, from, signal));
  if (related.status !== 'done') return null;
  const { programme, editions, umbrella } = related.value;
  const ownYear = occurrences[0] === undefined ? undefined : yearOf({ hub: event.hub, id: event.id, title: event.title, start: occurrences[0].start }, event.timeZone);
  const link = (item: ProgrammeItem) => (
    <a href={itemHref(item)} onClick={followLink(router)}>
      {item.title}
    </a>
  );
  return (
    <>
      {umbrella === undefined ? null : (
        <p class="part-of" data-testid="part-of">
          {t('programmePartOf', {}, locale)} {link(umbrella)}
        </p>
      )}
      {programme.length === 0 ? null : (
        <section aria-labelledby="programme-title" class="programme">
          <h2 id="programme-title">{t('programmeTitle', {}, locale)}</h2>
          <p class="hint">{t(programme.length === 1 ? 'programmeCountOne' : 'programmeCount', { count: programme.length }, locale)}</p>
          <ol class="programme-list" data-testid="programme">
            {programme.map((item) => {
              const zone = item.timeZone ?? event.timeZone;
              const when = item.start === undefined ? undefined : item.end === undefined ? formatInstantLong(item.start, { locale, timeZone: zone }) : formatRange(item.start, item.end, { locale, timeZone: zone, withDay: true });
              return (
                <li key={`${item.hub}/${item.id}`}>
                  {when === undefined ? null : <span class="programme-when">{when}</span>}
                  {link(item)}
                  {item.place === undefined ? null : <span class="programme-place">{item.place}</span>}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {editions.length === 0 ? null : (
        <section aria-labelledby="editions-title" class="editions">
          <h2 id="editions-title">{t('editionsTitle', {}, locale)}</h2>
          <ul class="editions-list" data-testid="editions">
            {editions.map((item) => {
              const year = yearOf(item, event.timeZone);
              const later = item.start !== undefined && occurrences[0] !== undefined && item.start > occurrences[0].start;
              return (
                <li key={`${item.hub}/${item.id}`}>
                  <span class="edition-which">{t(later ? 'editionNext' : 'editionPrevious', {}, locale)}</span>
                  {year === undefined || year === ownYear ? null : <span class="edition-year">{year}</span>}
                  {link(item)}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
