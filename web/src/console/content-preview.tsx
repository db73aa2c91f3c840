/**
 * Submitted content as the public pages will show it, for a moderator to judge before
 * approving: title, summary, image with its alt text, dates, place, links and the
 * Markdown text. Everything the author wrote is rendered as text (Markdown through
 * <Markdown/>, which never parses HTML); links keep http(s) URLs only.
 */
import '../i18n/strings-console.ts';
import { contentTypes, disciplines, type ContentType, type Locale } from '@constellation/shared';
import { Markdown } from '../components/markdown.tsx';
import { formatRange } from '../dates/zoned.ts';
import { t } from '../i18n/locale.ts';
import { titleOf } from './console-api.ts';

const SHOWN_TIMINGS = 5;

/** A URL from contributed data, only when it is a web address. */
export function webUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** "Muséum, 6 rue Marcel Proust, 45000 Orléans" from a Location. */
export function placeLine(value: unknown): string | undefined {
  const place = record(value);
  if (place === undefined) return undefined;
  const town = [text(place.postalCode), text(place.commune)].filter((part) => part !== undefined).join(' ');
  const parts = [text(place.name), text(place.address), town === '' ? undefined : town].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(', ');
}

function dayText(day: string, locale: Locale): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The dates lines of any type: an event's timings or rule, a project's period, a deadline. */
function dateLines(data: Record<string, unknown>, locale: Locale): string[] {
  const lines: string[] = [];
  const timeZone = text(data.timeZone) ?? 'Europe/Paris';
  if (Array.isArray(data.timings)) {
    for (const timing of data.timings.slice(0, SHOWN_TIMINGS)) {
      const slot = record(timing);
      const start = text(slot?.start);
      const end = text(slot?.end);
      if (start === undefined || end === undefined || Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end))) continue;
      lines.push(formatRange(start, end, { locale, timeZone, withDay: true }));
    }
    if (data.timings.length > SHOWN_TIMINGS) lines.push(t('moreDates', { count: data.timings.length - SHOWN_TIMINGS }, locale));
  }
  const recurrence = record(data.recurrence);
  if (recurrence !== undefined) {
    lines.push(t('consolePreviewRecurrence', { start: String(recurrence.start ?? ''), end: String(recurrence.end ?? ''), zone: timeZone, rule: String(recurrence.rrule ?? '') }, locale));
  }
  const start = text(data.startDate);
  const end = text(data.endDate);
  if (start !== undefined || end !== undefined) lines.push([start, end].map((day) => (day === undefined ? '…' : dayText(day, locale))).join(' – '));
  const deadline = text(data.deadline);
  if (deadline !== undefined) lines.push(t('consolePreviewDeadline', { date: dayText(deadline, locale) }, locale));
  const published = text(data.publishedOn);
  if (published !== undefined) lines.push(dayText(published, locale));
  return lines;
}

/** The web links an item carries, with what each is for. */
function links(data: Record<string, unknown>): [string, 'consolePreviewWebsite' | 'consolePreviewOnline' | 'consolePreviewApply' | 'consolePreviewLink'][] {
  const found: [string, 'consolePreviewWebsite' | 'consolePreviewOnline' | 'consolePreviewApply' | 'consolePreviewLink'][] = [];
  const add = (value: unknown, label: 'consolePreviewWebsite' | 'consolePreviewOnline' | 'consolePreviewApply' | 'consolePreviewLink') => {
    const url = webUrl(value);
    if (url !== undefined) found.push([url, label]);
  };
  add(data.website, 'consolePreviewWebsite');
  add(data.onlineUrl, 'consolePreviewOnline');
  add(data.applyUrl, 'consolePreviewApply');
  add(data.link, 'consolePreviewLink');
  return found;
}

export function ContentPreview({ type, data, locale, id }: { type: ContentType; data: Record<string, unknown>; locale: Locale; id?: string }) {
  const image = record(data.image) ?? record(data.logo);
  const imageUrl = webUrl(image?.url);
  const imageAlt = text(image?.alt);
  const credit = text(image?.credit);
  const place = placeLine(data.place) ?? placeLine(data.location);
  const dates = dateLines(data, locale);
  const markdown = text(data.body) ?? text(data.description);
  const summary = text(data.summary);
  const themes = Array.isArray(data.disciplines) ? data.disciplines.filter((value): value is string => typeof value === 'string' && (disciplines.values as readonly string[]).includes(value)) : [];
  const title = titleOf(data);
  return (
    <section class="console-preview" aria-label={t('consolePreviewOf', { title }, locale)} {...(id === undefined ? {} : { id })}>
      <p class="event-kind">{contentTypes.label(type, locale)}</p>
      <h3 class="console-preview-title">{title === '' ? t('consoleUntitled', {}, locale) : title}</h3>
      {summary === undefined ? null : <p class="summary">{summary}</p>}
      {imageUrl === undefined ? null : (
        <figure class="console-preview-figure">
          <img class="event-image" src={imageUrl} alt={imageAlt ?? ''} loading="lazy" referrerpolicy="no-referrer" />
          {credit === undefined ? null : <figcaption>{credit}</figcaption>}
          {imageAlt === undefined ? <p class="console-warning">{t('consolePreviewNoAlt', {}, locale)}</p> : null}
        </figure>
      )}
      {dates.length === 0 ? null : (
        <>
          <h4>{t('dates', {}, locale)}</h4>
          <ul class="dates">
            {dates.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {place === undefined ? null : (
        <>
          <h4>{t('place', {}, locale)}</h4>
          <p>{place}</p>
        </>
      )}
      {themes.length === 0 ? null : <p>{themes.map((value) => disciplines.label(value as (typeof disciplines.values)[number], locale)).join(', ')}</p>}
      {links(data).length === 0 ? null : (
        <ul class="console-preview-links">
          {links(data).map(([url, label]) => (
            <li key={`${label}-${url}`}>
              {t(label, {}, locale)}{' '}
              <a href={url} rel="noopener noreferrer nofollow ugc">
                {url}
              </a>
            </li>
          ))}
        </ul>
      )}
      {markdown === undefined ? null : <Markdown source={markdown} class="markdown console-preview-text" />}
    </section>
  );
}
