import { accessibilityFlags, audiences, disciplines, eventFormats, eventStatuses, type Discipline, type Locale } from '@constellation/shared';
import { FollowBar, type FollowChoice } from '../portal/follow-bar.tsx';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { NationalEvent } from '../api/types.ts';
import { SubscribeLinks } from '../components/subscribe-links.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { followLink, useRouter } from '../state/router.ts';
import { EMPTY_FILTERS, formatLocation, getSiteMode, viewPath, type Filters } from '../state/url-state.ts';
import { SessionContext } from '../session/session.ts';
import { Markdown } from '../components/markdown.tsx';
import { Picture } from '../components/picture.tsx';
import { EventDates, placeText } from './event-dates.tsx';
import { EventProgramme } from './event-programme.tsx';
import { pageHref, pageOrigin } from '../ssr/page-location.ts';
import { actorKey, eventKey } from '../ssr/page-keys.ts';

/** Only web links from remote data become hrefs (no javascript:, no data:). */
export function safeHttpUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The price in words: "Gratuit", the full price ("12,50 €"), the details, or these
 * together ("12,50 € — Tarif réduit : 8 €"), "Payant" when nothing more is said; never
 * "Gratuit — Gratuit": contributors often write the word again.
 */
export function priceText(price: { free: boolean; amount?: number | undefined; currency?: string | undefined; details?: string | undefined }, locale: Locale): string {
  const amount = price.free || price.amount === undefined ? '' : new Intl.NumberFormat(locale, { style: 'currency', currency: price.currency ?? 'EUR', minimumFractionDigits: Number.isInteger(price.amount) ? 0 : 2 }).format(price.amount);
  const head = price.free ? t('free', {}, locale) : amount;
  const details = price.details?.trim() ?? '';
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s.!]+/g, '');
  if (details === '' || (head !== '' && ['gratuit', 'free', 'gratuite', fold(head)].includes(fold(details)))) return head || (price.free ? '' : t('paid', {}, locale));
  return head === '' ? details : `${head} — ${details}`;
}

/** Events like this one: its disciplines, or its format when it names none. */
function similar(event: NationalEvent): Filters {
  const disciplines = event.disciplines ?? [];
  return { ...EMPTY_FILTERS, ...(disciplines.length > 0 ? { discipline: [...disciplines] } : { format: [event.format] }) };
}

function ageText(event: NationalEvent, locale: Locale): string | undefined {
  const range = event.ageRange;
  if (range === undefined || (range.min === undefined && range.max === undefined)) return undefined;
  if (range.min !== undefined && range.max !== undefined) return t('ageBetween', { min: range.min, max: range.max }, locale);
  return range.min !== undefined ? t('ageFrom', { min: range.min }, locale) : t('ageTo', { max: range.max ?? '' }, locale);
}

function ShareButton({ title, locale }: { title: string; locale: Locale }) {
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const url = window.location.href;
    if (typeof navigator.share === 'function') {
      await navigator.share({ title, url }).catch(() => undefined);
      return;
    }
    await navigator.clipboard?.writeText(url);
    setCopied(true);
  };
  return (
    <>
      <button type="button" onClick={() => void share()}>
        {t('share', {}, locale)}
      </button>
      <span role="status">{copied ? ` ${t('copied', {}, locale)}` : ''}</span>
    </>
  );
}

/** An event's page in the app: every detail, dates in its own zone, calendar and share. */
/**
 * On a hub's portal, who organises the event, linked to their page there (nationally the
 * organiser's page lives on its hub, which the provenance links to).
 */
function Organiser({ actorId, locale }: { actorId: string; locale: Locale }) {
  const session = useContext(SessionContext);
  const router = useRouter();
  // Read like the page's own answer: the server fetches it ahead (ssr/prefetch.ts), so a
  // reader without JavaScript sees who organises too.
  const [actor] = useFetch<{ name: string; slug: string } | undefined>(session === undefined ? '' : actorKey(actorId), (signal) =>
    session === undefined ? Promise.resolve(undefined) : session.request<{ name: string; slug: string }>('GET', `/api/v1/actors/${encodeURIComponent(actorId)}`, { signal }),
  );
  if (actor.status !== 'done' || actor.value === undefined) return null;
  return (
    <p class="organiser">
      {t('organiser', {}, locale)}
      {locale === 'fr' ? '\u00a0: ' : ': '}
      <a href={viewPath({ name: 'content', type: 'actor', slug: actor.value.slug })} onClick={followLink(router)}>
        {actor.value.name}
      </a>
    </p>
  );
}

/** Follow buttons for the event's organiser, disciplines and commune (a hub's portal only: accounts live there). */
function EventFollows({ event, locale }: { event: { actorId: string; disciplines?: readonly Discipline[] | undefined; place?: { inseeCode?: string | undefined; commune?: string | undefined } | undefined }; locale: Locale }) {
  const session = useContext(SessionContext);
  const [actor] = useFetch<{ name: string; slug: string } | undefined>(session === undefined ? '' : actorKey(event.actorId), (signal) =>
    session === undefined ? Promise.resolve(undefined) : session.request<{ name: string; slug: string }>('GET', `/api/v1/actors/${encodeURIComponent(event.actorId)}`, { signal }),
  );
  if (session === undefined) return null;
  const choices: FollowChoice[] = [];
  if (actor.status === 'done' && actor.value !== undefined) choices.push({ kind: 'actor', target: event.actorId, label: actor.value.name });
  for (const value of event.disciplines ?? []) choices.push({ kind: 'discipline', target: value, label: disciplines.label(value, locale) });
  if (event.place?.inseeCode !== undefined) choices.push({ kind: 'commune', target: event.place.inseeCode, label: event.place.commune ?? event.place.inseeCode });
  return <FollowBar choices={choices} locale={locale} />;
}

export function EventPage({ api, hub, id, slug, locale, siteName = 'Constellation' }: { api: ApiClient; hub: string; id: string; slug?: string | undefined; locale: Locale; siteName?: string }) {
  const router = useRouter();
  const [detail, reload] = useFetch(eventKey(hub, id, slug), (signal) => (slug === undefined ? api.event(hub, id, signal) : api.eventBySlug(slug, signal)));
  useEffect(() => {
    if (detail.status === 'done') document.title = `${detail.value.event.title} · ${siteName}`;
    return () => {
      document.title = siteName;
    };
  }, [detail.status]);

  const back = (
    <p class="back no-print">
      <a href={viewPath({ name: 'map' })} onClick={followLink(router)}>
        ← {t('backToMap', {}, locale)}
      </a>
    </p>
  );
  if (detail.status === 'loading') return <p>{t('loading', {}, locale)}</p>;
  if (detail.status === 'failed') {
    // An id that cannot exist (400) is as missing as an unknown one.
    const missing = detail.code === 404 || detail.code === 400;
    return (
      <div>
        {back}
        <p class="error" role="alert">
          {missing ? t('eventNotFound', {}, locale) : t('loadError', { message: detail.message }, locale)}{' '}
          {missing ? null : (
            <button type="button" onClick={reload}>
              {t('retry', {}, locale)}
            </button>
          )}
        </p>
      </div>
    );
  }
  const { event, occurrences } = detail.value;
  const pageUrl = pageHref();
  const hubUrl = safeHttpUrl(event.url);
  const onlineUrl = safeHttpUrl(event.onlineUrl);
  const registrationUrl = safeHttpUrl(event.registration?.url);
  // On the national site the picture is the aggregator's thumbnail (a hub's images are not loaded there).
  const picture = getSiteMode() === 'national' ? (event.thumbnail === undefined ? undefined : { url: new URL(event.thumbnail, pageOrigin()).toString(), ...(event.image?.alt === undefined ? {} : { alt: event.image.alt }) }) : event.image;
  const image = safeHttpUrl(picture?.url);
  const place = placeText(event);
  const age = ageText(event, locale);
  const facts: [string, string][] = [];
  if (event.audiences !== undefined && event.audiences.length > 0) facts.push([t('audience', {}, locale), event.audiences.map((value) => audiences.label(value, locale)).join(', ')]);
  if (age !== undefined) facts.push([t('ageRange', {}, locale), age]);
  if (event.disciplines !== undefined && event.disciplines.length > 0) facts.push([t('discipline', {}, locale), event.disciplines.map((value) => disciplines.label(value, locale)).join(', ')]);
  if (event.price !== undefined) facts.push([t('price', {}, locale), priceText(event.price, locale)]);
  if (event.accessibility !== undefined && event.accessibility.length > 0) facts.push([t('accessibility', {}, locale), event.accessibility.map((value) => accessibilityFlags.label(value, locale)).join(', ')]);
  if (event.languages !== undefined && event.languages.length > 0) facts.push([t('languages', {}, locale), event.languages.join(', ')]);

  return (
    <article class="event-page">
      {back}
      <p class="event-kind">{eventFormats.label(event.format, locale)}</p>
      <h1 class="page-title">{event.title}</h1>
      {event.eventStatus !== 'scheduled' ? <p class={`tag tag-status tag-${event.eventStatus}`}>{eventStatuses.label(event.eventStatus, locale)}</p> : null}
      {event.summary === undefined ? null : <p class="summary">{event.summary}</p>}
      {getSiteMode() === 'regional' && <Organiser actorId={event.actorId} locale={locale} />}
      {image === undefined || picture === undefined ? null : <Picture class="event-image" image={picture} sizes="(min-width: 50rem) 48rem, 100vw" />}
      <EventDates event={event} occurrences={occurrences} {...(detail.value.more === true ? { more: true } : {})} locale={locale} pageUrl={pageUrl} />
      <EventProgramme api={api} event={event} occurrences={occurrences} locale={locale} key={`${event.hub}/${event.id}`} />
      {place === undefined && onlineUrl === undefined ? null : (
        <section aria-labelledby="place-title">
          <h2 id="place-title">{t('place', {}, locale)}</h2>
          {place === undefined ? null : <p>{place}</p>}
          {event.place?.lat === undefined || event.place.lon === undefined ? null : (
            <p class="no-print">
              <a href={formatLocation({ view: { name: 'map' }, filters: EMPTY_FILTERS, map: { zoom: 15, lat: event.place.lat, lon: event.place.lon } })} onClick={followLink(router)}>
                {t('showOnMap', {}, locale)}
              </a>
            </p>
          )}
          {onlineUrl === undefined ? null : (
            <p>
              <a href={onlineUrl} rel="noopener noreferrer nofollow">
                {t('joinOnline', {}, locale)}
              </a>
            </p>
          )}
        </section>
      )}
      {facts.length === 0 ? null : (
        <dl class="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {event.registration === undefined ? null : (
        <section aria-labelledby="registration-title">
          <h2 id="registration-title">{t('registration', {}, locale)}</h2>
          {event.registration.required ? <p>{t('registrationRequired', {}, locale)}</p> : null}
          <ul>
            {registrationUrl === undefined ? null : (
              <li>
                <a href={registrationUrl} rel="noopener noreferrer nofollow">
                  {registrationUrl}
                </a>
              </li>
            )}
            {event.registration.email === undefined ? null : (
              <li>
                <a href={`mailto:${encodeURIComponent(event.registration.email).replace('%40', '@')}`}>{event.registration.email}</a>
              </li>
            )}
            {event.registration.phone === undefined ? null : <li>{event.registration.phone}</li>}
          </ul>
        </section>
      )}
      {event.description === undefined ? null : (
        <section aria-labelledby="description-title">
          <h2 id="description-title">{t('description', {}, locale)}</h2>
          {/* Tokens to elements from an allow-list: remote markup is never parsed as HTML. */}
          <Markdown source={event.description} class="description markdown" />
        </section>
      )}
      {getSiteMode() === 'regional' && <EventFollows event={event} locale={locale} />}
      <section aria-labelledby="provenance-title" class="provenance">
        {/* On a hub's own portal the source is the site itself: the section only shares and subscribes (a "Source" heading over nothing puzzled readers). */}
        <h2 id="provenance-title">{t(getSiteMode() === 'regional' ? 'shareAndSubscribe' : 'provenance', {}, locale)}</h2>
        <p hidden={getSiteMode() === 'regional'}>
          {hubUrl === undefined ? (
            t('fromHub', { hub: event.hubName ?? event.hub }, locale)
          ) : (
            <a href={hubUrl}>{t('onHub', { hub: event.hubName ?? event.hub }, locale)}</a>
          )}
          {event.syncedAt === undefined ? null : <> · {t('syncedAt', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(event.syncedAt)) }, locale)}</>}
        </p>
        {event.sources !== undefined && event.sources.length > 1 ? (
          <p>
            {t('alsoOn', {}, locale)}{' '}
            {event.sources
              .filter((source) => source.hub !== event.hub)
              .map((source, index) => {
                const href = safeHttpUrl(source.url);
                const name = source.hubName ?? source.hub;
                return (
                  <span key={source.hub}>
                    {index > 0 ? ', ' : ''}
                    {href === undefined ? name : <a href={href}>{name}</a>}
                  </span>
                );
              })}
          </p>
        ) : null}
        <p class="no-print">
          <ShareButton title={event.title} locale={locale} />
        </p>
        <div class="no-print">
          <SubscribeLinks api={api} filters={similar(event)} locale={locale} label="subscribeSimilar" />
        </div>
      </section>
    </article>
  );
}

