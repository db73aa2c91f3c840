/**
 * A dossier's items, built by searching the hub's published content of every type by its
 * title instead of typing ids: each result shows its type and a line of preview and is
 * added with one button; the chosen items are reordered by dragging them or with "move
 * up" and "move down" buttons (the keyboard's way, announced in a live region), and each
 * carries an optional editor's note.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CONTENT_PATHS, contentTypes, type ContentType, type Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { fieldId } from './field-errors.ts';
import type { FieldEnv } from './field-env.ts';
import type { DossierItemDraft } from './form-spec.ts';
import { FieldErrors, FieldGroup, FieldRow } from './form-fields.tsx';

/** What a search result or a chosen item shows of the content it names. */
export interface ItemPreview {
  type: ContentType;
  id: string;
  title: string;
  detail: string;
}

/** The types a dossier may hold (a dossier in a dossier is allowed by the contract, but not offered here). */
const SEARCHABLE: readonly ContentType[] = contentTypes.values.filter((type) => type !== 'dossier');
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
function useSearch(text: string, type: ContentType | '', locale: Locale): { results: ItemPreview[] | undefined; busy: boolean; failed: boolean } {
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
      const types = type === '' ? SEARCHABLE : [type];
      Promise.allSettled(
        types.map((each) =>
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
  }, [text, type, locale]);
  return state;
}

/** The title and preview of chosen items, read once each from the public API (an unpublished one has none). */
function usePreviews(items: readonly DossierItemDraft[], known: Map<string, ItemPreview>, locale: Locale): Map<string, ItemPreview | null> {
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

export function DossierItemsField({ path, legend, value, onChange, env, hint }: { path: string; legend: string; value: DossierItemDraft[]; onChange(value: DossierItemDraft[]): void; env: FieldEnv; hint?: string }) {
  const { locale, errors } = env;
  const [text, setText] = useState('');
  const [type, setType] = useState<ContentType | ''>('');
  const [announcement, setAnnouncement] = useState('');
  const [dragged, setDragged] = useState<number | undefined>(undefined);
  const known = useRef(new Map<string, ItemPreview>());
  const search = useSearch(text, type, locale);
  const previews = usePreviews(value, known.current, locale);
  const keyOf = (item: { type: string; id: string }) => `${item.type}:${item.id}`;
  const chosen = new Set(value.map(keyOf));
  const previewFor = (item: DossierItemDraft) => known.current.get(keyOf(item)) ?? previews.get(keyOf(item)) ?? undefined;
  const titleOf = (item: DossierItemDraft, index: number) => previewFor(item)?.title ?? t('contribItemRow', { n: index + 1 }, locale);
  const typeLabel = (item: { type: string }) => (contentTypes.has(item.type) ? contentTypes.label(item.type, locale) : item.type);

  const add = (result: ItemPreview) => {
    known.current.set(keyOf(result), result);
    onChange([...value, { type: result.type, id: result.id, note: '' }]);
    setAnnouncement(t('contribDossierAdded', { title: result.title, n: value.length + 1 }, locale));
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= value.length || from === to) return;
    const next = [...value];
    const [item] = next.splice(from, 1);
    if (item === undefined) return;
    next.splice(to, 0, item);
    onChange(next);
    setAnnouncement(t('contribDossierMoved', { title: titleOf(item, from), n: to + 1, count: value.length }, locale));
  };
  const remove = (index: number) => {
    const item = value[index];
    onChange(value.filter((_, at) => at !== index));
    if (item !== undefined) setAnnouncement(t('contribDossierRemoved', { title: titleOf(item, index) }, locale));
  };
  const update = (index: number, patch: Partial<DossierItemDraft>) => onChange(value.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const searchId = `${fieldId(path)}-search`;

  return (
    <FieldGroup path={path} legend={legend} locale={locale} errors={errors[path]} {...(hint === undefined ? {} : { hint })}>
      <p class="visually-hidden dossier-announce" role="status" aria-live="polite">
        {announcement}
      </p>
      {value.length === 0 ? <p class="dossier-empty">{t('contribDossierEmpty', {}, locale)}</p> : null}
      <ol class="dossier-items">
        {value.map((item, index) => {
          const preview = previewFor(item);
          const rowPath = `${path}.${index}`;
          return (
            <li
              key={keyOf(item)}
              class={`dossier-item${dragged === index ? ' dossier-item-dragged' : ''}`}
              draggable
              onDragStart={(event) => {
                setDragged(index);
                event.dataTransfer?.setData('text/plain', String(index));
              }}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                const from = Number(event.dataTransfer?.getData('text/plain') ?? dragged);
                if (Number.isInteger(from)) move(from, index);
                setDragged(undefined);
              }}
              onDragEnd={() => setDragged(undefined)}
            >
              <div class="dossier-item-head">
                <span class="dossier-grip" aria-hidden="true">
                  ⠿
                </span>
                <span class="dossier-position">{index + 1}.</span>
                <div class="dossier-item-text">
                  <strong id={fieldId(`${rowPath}.id`)} tabIndex={-1}>
                    {preview?.title ?? (previews.get(keyOf(item)) === null ? t('contribDossierUnpublished', {}, locale) : t('loading', {}, locale))}
                  </strong>
                  <span class="dossier-type">{typeLabel(item)}</span>
                  {preview?.detail === undefined || preview.detail === '' ? null : <span class="dossier-detail">{preview.detail}</span>}
                </div>
              </div>
              <FieldErrors path={rowPath} errors={[...(errors[rowPath] ?? []), ...(errors[`${rowPath}.id`] ?? []), ...(errors[`${rowPath}.type`] ?? [])]} />
              <FieldRow path={`${rowPath}.note`} label={t('contribItemNote', {}, locale)} locale={locale} errors={errors[`${rowPath}.note`]}>
                {(attributes) => <input {...attributes} type="text" maxLength={500} value={item.note} onInput={(event) => update(index, { note: event.currentTarget.value })} />}
              </FieldRow>
              <div class="dossier-item-actions">
                <button type="button" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('contribDossierUpLabel', { title: titleOf(item, index) }, locale)}>
                  ↑ {t('contribDossierUp', {}, locale)}
                </button>
                <button type="button" disabled={index === value.length - 1} onClick={() => move(index, index + 1)} aria-label={t('contribDossierDownLabel', { title: titleOf(item, index) }, locale)}>
                  ↓ {t('contribDossierDown', {}, locale)}
                </button>
                <button type="button" onClick={() => remove(index)} aria-label={t('contribDossierRemoveLabel', { title: titleOf(item, index) }, locale)}>
                  {t('contribDossierRemove', {}, locale)}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
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
              {SEARCHABLE.map((each) => (
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
                <button type="button" disabled={chosen.has(keyOf(result))} onClick={() => add(result)} aria-label={t('contribDossierAddLabel', { title: result.title }, locale)}>
                  {chosen.has(keyOf(result)) ? t('contribDossierAlready', {}, locale) : t('contribDossierAdd', {}, locale)}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </FieldGroup>
  );
}
