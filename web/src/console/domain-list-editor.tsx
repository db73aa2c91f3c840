/**
 * A list of server names the operator keeps under the followed sources (the servers open
 * to verified organisations, the blocked domains): a field to add a name, then each name
 * with a line about it and, where it may be removed here, a button to remove it. The API
 * lists at `path`, adds with a POST of `{ [field]: name }` and removes with a DELETE of
 * `?field=name`.
 */
import '../i18n/strings-fediverse.ts';
import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { usePagedList } from '../components/use-paged-list.ts';
import { AddForm, TextField } from './add-form.tsx';
import { useConsoleAction } from './use-console-action.ts';

/** What the list says; `added` and `removed` name the entry with a parameter called as `field`. */
export interface DomainListWords {
  heading: StringKey;
  hint: StringKey;
  label: StringKey;
  add: StringKey;
  added: StringKey;
  empty: StringKey;
  remove: StringKey;
  removed: StringKey;
}

export interface DomainListProps<Field extends string, Item extends Record<Field, string>> {
  locale: Locale;
  announce: (message: string) => void;
  /** The section's class; its heading's id is `${name}-title`. */
  name: string;
  /** The list's key among the page's lists. */
  listKey: string;
  path: string;
  /** The entry's name in the API's items, bodies and queries. */
  field: Field;
  inputId: string;
  placeholder: string;
  words: DomainListWords;
  /** The line under an entry's name. */
  meta: (item: Item) => string;
  /** Whether the operator may remove it here (all may, unless said). */
  removable?: (item: Item) => boolean;
}

export function DomainListEditor<Field extends string, Item extends Record<Field, string>>({ locale, announce, name, listKey, path, field, inputId, placeholder, words, meta, removable }: DomainListProps<Field, Item>) {
  const session = useSession();
  const list = usePagedList<Item>(listKey, async (_cursor, signal) => ({ items: (await session.request<{ items: Item[] }>('GET', path, { signal })).items, next: null }));
  const [value, setValue] = useState('');
  const { busy, error, act } = useConsoleAction(locale, announce);

  const add = () =>
    act('add', async () => {
      const added = await session.request<Item>('POST', path, { body: { [field]: value.trim() } });
      setValue('');
      list.reload();
      return t(words.added, { [field]: added[field] }, locale);
    });

  const remove = (item: Item) =>
    act(item[field], async () => {
      await session.request('DELETE', path, { query: { [field]: item[field] } });
      list.update((items) => items.filter((entry) => entry[field] !== item[field]));
      return t(words.removed, { [field]: item[field] }, locale);
    });

  return (
    <section class={name} aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`} class="console-section-title">
        {t(words.heading, {}, locale)}
      </h2>
      <p class="console-hint">{t(words.hint, {}, locale)}</p>
      <AddForm busy={busy === 'add'} submitLabel={t(words.add, {}, locale)} onSubmit={() => void add()}>
        <TextField inputId={inputId} label={t(words.label, {}, locale)} maxLength={260} placeholder={placeholder} value={value} onInput={setValue} />
      </AddForm>
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.error?.message ?? '' }, locale)}
        </p>
      ) : null}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t(words.empty, {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((item) => (
          <li key={item[field]} class="console-item">
            <h3 class="console-item-title">{item[field]}</h3>
            <p class="console-meta-line">{meta(item)}</p>
            {removable === undefined || removable(item) ? (
              <div class="console-actions">
                <button type="button" disabled={busy === item[field]} onClick={() => void remove(item)}>
                  {t(words.remove, {}, locale)}
                  <span class="visually-hidden"> « {item[field]} »</span>
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
