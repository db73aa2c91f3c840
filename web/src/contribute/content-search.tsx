/**
 * Finding the hub's published content by its title, for an editor who puts it somewhere (a
 * dossier's items, the home page's featured content): a text box and a type filter, each
 * result with its type and a line of preview, added with one button; and the title and
 * preview of items already chosen, read once each from the public API.
 */
import '../i18n/strings-contribute.ts';
import { useEffect, useState } from 'preact/hooks';
import { CONTENT_PATHS, contentTypes, type ContentType, type Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';

/** What a search result or a chosen item shows of the content it names. */
export interface ItemPreview {
  type: ContentType;
  id: string;
  title: string;
  detail: string;
}

const PER_TYPE = 5;

/** One line saying what a piece of public content is: its summary, or the first date and place of an event. */
export function previewOf(type: ContentType, data: Record<string, unknown>, locale: Locale): ItemPreview | undefined {
  const id = typeof data.id === 'string' ? data.id : undefined;
  const title = typeof data.title === 'string' ? data.title : typeof data.name === 'string' ? data.name : undefined;
  if (id === undefined || title === undefined) return undefined;
  const parts: string[] = [];
  const next = (data.nextOccurrence ?? (Array.isArray(data.timings) ? data.timings[0] : undefined)) as { start?: unknown } | undefined;
  if (type === 'event' && typeof next?.start === 'string') {
    const date = new Date(next.start);
    if (!Number.isNaN(date.getTime())) parts.push(new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date));
  }
  const place = (data.place ?? data.location) as { name?: unknown; address?: { locality?: unknown } } | undefined;
  if (typeof place?.name === 'string') parts.push(place.name);
  if (typeof data.summary === 'string' && data.summary.trim() !== '') parts.push(data.summary);
  return { type, id, title, detail: parts.join(' · ') };
}

function oneYearAgo(): string {
  return new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
}

/** Searches the published content of the chosen types by text; several types are asked at once. */
function useSearch(text: string, type: ContentType | '', types: readonly ContentType[], locale: Locale): { results: ItemPreview[] | undefined; busy: boolean; failed: boolean } {
  const session = useSession();
  const [state, setState] = useState<{ results: ItemPreview[] | undefined; busy: boolean; failed: boolean }>({ results: undefined, busy: false, failed: false });
  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setState({ results: undefined, busy: false, failed: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, busy: true }));
    // A pause after the last key: one search per word typed, not per letter.
    const timer = setTimeout(() => {
      const asked = type === '' ? types : [type];
      Promise.allSettled(
        asked.map((each) =>
          session
            .request<{ items: Record<string, unknown>[] }>('GET', `/api/v1/${CONTENT_PATHS[each]}`, { query: { q: query, limit: PER_TYPE, ...(each === 'event' ? { from: oneYearAgo() } : {}) }, signal: controller.signal })
            .then((page) => page.items.map((item) => previewOf(each, item, locale)).filter((item): item is ItemPreview => item !== undefined)),
        ),
      ).then((answers) => {
        if (controller.signal.aborted) return;
        const results = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
        setState({ results, busy: false, failed: answers.every((answer) => answer.status === 'rejected') });
      });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, type, types.join(','), locale]);
  return state;
}

/** The title and preview of chosen items, read once each from the public API (an unpublished one has none). */
export function usePreviews(items: readonly { type: string; id: string }[], known: Map<string, ItemPreview>, locale: Locale): Map<string, ItemPreview | null> {
  const session = useSession();
  const [found, setFound] = useState<Map<string, ItemPreview | null>>(new Map());
  const missing = items.filter((item) => item.id !== '' && contentTypes.has(item.type) && !known.has(`${item.type}:${item.id}`) && !found.has(`${item.type}:${item.id}`));
  const wanted = missing.map((item) => `${item.type}:${item.id}`).join(',');
  useEffect(() => {
    if (missing.length === 0) return undefined;
    const controller = new AbortController();
    void Promise.all(
      missing.map(async (item) => {
        const type = item.type as ContentType;
        try {
          const data = await session.request<Record<string, unknown>>('GET', `/api/v1/${CONTENT_PATHS[type]}/${encodeURIComponent(item.id)}`, { signal: controller.signal });
          return [`${type}:${item.id}`, previewOf(type, data, locale) ?? null] as const;
        } catch {
          return [`${type}:${item.id}`, null] as const;
        }
      }),
    ).then((entries) => {
      if (!controller.signal.aborted) setFound((previous) => new Map([...previous, ...entries]));
    });
    return () => controller.abort();
  }, [wanted]);
  return found;
}

export const previewKey = (item: { type: string; id: string }) => `${item.type}:${item.id}`;

/** The search box, its type filter and its results; `chosen` holds the keys already added (their button is disabled). */
export function ContentSearch({ idBase, types, chosen, onAdd, addLabel, alreadyLabel, locale }: { idBase: string; types: readonly ContentType[]; chosen: ReadonlySet<string>; onAdd(result: ItemPreview): void; addLabel(title: string): string; alreadyLabel: string; locale: Locale }) {
  const [text, setText] = useState('');
  const [type, setType] = useState<ContentType | ''>('');
  const search = useSearch(text, type, types, locale);
  const searchId = idBase;
  const keyOf = previewKey;
  return (
      <div class="dossier-search" role="search">
        <div class="inline-fields">
          <div class="field">
            <label for={searchId}>{t('contribDossierSearch', {}, locale)}</label>
            <input id={searchId} type="search" value={text} autoComplete="off" onInput={(event) => setText(event.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`${searchId}-type`}>{t('contribItemType', {}, locale)}</label>
            <select id={`${searchId}-type`} value={type} onChange={(event) => setType(event.currentTarget.value as ContentType | '')}>
              <option value="">{t('contribDossierAllTypes', {}, locale)}</option>
              {types.map((each) => (
                <option key={each} value={each}>
                  {contentTypes.label(each, locale)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite">
          {search.results === undefined || search.busy ? '' : t('contribDossierFound', { count: search.results.length }, locale)}
        </p>
        {search.failed ? <p class="error">{t('contribDossierSearchFailed', {}, locale)}</p> : null}
        {search.results !== undefined && search.results.length === 0 && !search.busy ? <p>{t('contribDossierNothing', { text: text.trim() }, locale)}</p> : null}
        {search.results !== undefined && search.results.length > 0 ? (
          <ul class="dossier-results">
            {search.results.map((result) => (
              <li key={keyOf(result)} class="dossier-result">
                <div class="dossier-item-text">
                  <strong>{result.title}</strong>
                  <span class="dossier-type">{contentTypes.label(result.type, locale)}</span>
                  {result.detail === '' ? null : <span class="dossier-detail">{result.detail}</span>}
                </div>
                <button type="button" disabled={chosen.has(keyOf(result))} onClick={() => onAdd(result)} aria-label={addLabel(result.title)}>
                  {chosen.has(keyOf(result)) ? alreadyLabel : t('contribDossierAdd', {}, locale)}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
  );
}
