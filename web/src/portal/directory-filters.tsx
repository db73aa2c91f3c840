import '../i18n/strings-portal.ts';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import type { DirectoryType } from '../state/url-state.ts';
import { normaliseDirectoryParams, withParam, type FilterSpec } from './directory-query.ts';

export interface DirectoryFiltersProps {
  type: DirectoryType;
  params: Readonly<Record<string, string>>;
  /** The filters to offer. */
  filters: readonly FilterSpec[];
  locale: Locale;
  /** `typing`: a keystroke (replaces the history entry); otherwise a choice Back should undo. */
  onChange(next: Record<string, string>, typing: boolean): void;
}

/**
 * The search box and the filters of a directory, every value read from and written to the
 * URL's params; each control has a visible label.
 */
export function DirectoryFilters({ type, params, filters, locale, onChange }: DirectoryFiltersProps) {
  const id = (name: string) => `dir-${type}-${name}`;
  const set = (name: string, value: string | undefined, typing = false) => onChange(withParam(type, params, name, value), typing);
  // Only what narrows the list counts: the address also carries other parameters (`?lang=en`).
  const active = Object.keys(normaliseDirectoryParams(type, params)).length > 0;
  return (
    <form role="search" class="portal-filters" onSubmit={(event) => event.preventDefault()}>
      <div class="portal-field portal-search">
        <label for={id('q')}>{t('portalSearchLabel', {}, locale)}</label>
        <input id={id('q')} type="search" value={params.q ?? ''} placeholder={t('portalSearchPlaceholder', {}, locale)} maxLength={200} onInput={(event) => set('q', event.currentTarget.value, true)} />
      </div>
      {filters.length === 0 ? null : (
        <fieldset class="portal-filter-set">
          <legend>{t('portalFiltersTitle', {}, locale)}</legend>
          {filters.map((filter) => {
            const label = t(filter.label, {}, locale);
            switch (filter.kind) {
              case 'choice':
                return (
                  <div class="portal-field" key={filter.name}>
                    <label for={id(filter.name)}>{label}</label>
                    <select id={id(filter.name)} value={params[filter.name] ?? ''} onChange={(event) => set(filter.name, event.currentTarget.value)}>
                      <option value="">{t('portalAny', {}, locale)}</option>
                      {filter.vocabulary.values.map((value) => (
                        <option key={value} value={value}>
                          {filter.vocabulary.label(value, locale)}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              case 'text':
                return (
                  <div class="portal-field" key={filter.name}>
                    <label for={id(filter.name)}>{label}</label>
                    <input id={id(filter.name)} type="text" value={params[filter.name] ?? ''} maxLength={filter.maxLength} autoComplete="address-level2" onInput={(event) => set(filter.name, event.currentTarget.value, true)} />
                  </div>
                );
              case 'flag':
                return (
                  <div class="portal-field portal-flag" key={filter.name}>
                    <input id={id(filter.name)} type="checkbox" checked={params[filter.name] === 'true'} onChange={(event) => set(filter.name, event.currentTarget.checked ? 'true' : undefined)} />
                    <label for={id(filter.name)}>{label}</label>
                  </div>
                );
            }
          })}
        </fieldset>
      )}
      {active ? (
        <p>
          <button type="button" class="link-button" onClick={() => onChange({}, false)}>
            {t('portalClearFilters', {}, locale)}
          </button>
        </p>
      ) : null}
    </form>
  );
}
