/**
 * A dossier's items, built by searching the hub's published content of every type by its
 * title instead of typing ids: each result shows its type and a line of preview and is
 * added with one button; the chosen items are reordered by dragging them or with "move
 * up" and "move down" buttons (the keyboard's way, announced in a live region), and each
 * carries an optional editor's note.
 */
import '../i18n/strings-contribute.ts';
import { useRef, useState } from 'preact/hooks';
import { useDragReorder } from '../components/use-drag-reorder.ts';
import { contentTypes, type ContentType } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { ContentSearch, usePreviews, type ItemPreview } from './content-search.tsx';
import { fieldId } from './field-id.ts';
import type { FieldEnv } from './field-env.ts';
import type { DossierItemDraft } from './form-spec.ts';
import { FieldErrors, FieldGroup, FieldRow } from './form-fields.tsx';

/** The types a dossier may hold (a dossier in a dossier is allowed by the contract, but not offered here). */
const SEARCHABLE: readonly ContentType[] = contentTypes.values.filter((type) => type !== 'dossier');

export function DossierItemsField({ path, legend, value, onChange, env, hint }: { path: string; legend: string; value: DossierItemDraft[]; onChange(value: DossierItemDraft[]): void; env: FieldEnv; hint?: string }) {
  const { locale, errors } = env;
  const [announcement, setAnnouncement] = useState('');
  // `move` is declared below; a drop only happens after this render has declared it.
  const dragProps = useDragReorder((from, to) => move(from, to));
  const known = useRef(new Map<string, ItemPreview>());
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
            <li key={keyOf(item)} {...dragProps(index)}>
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
      <ContentSearch
        idBase={searchId}
        types={SEARCHABLE}
        chosen={chosen}
        onAdd={add}
        addLabel={(title) => t('contribDossierAddLabel', { title }, locale)}
        alreadyLabel={t('contribDossierAlready', {}, locale)}
        locale={locale}
      />
    </FieldGroup>
  );
}
