import { accessibilityFlags, audiences, disciplines, eventFormats, regions, type Locale, type Vocabulary } from '@constellation/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useRouter } from '../state/router.ts';
import { CommuneSearch } from './commune-search.tsx';
import { activeFilterCount, DEFAULT_RADIUS_KM, EMPTY_FILTERS, RADIUS_CHOICES_KM, type Filters } from '../state/url-state.ts';

type ListFacet = 'discipline' | 'audience' | 'format' | 'accessibility' | 'region';

const FACETS: { name: ListFacet; label: StringKey; vocabulary: Vocabulary<string> }[] = [
  { name: 'discipline', label: 'discipline', vocabulary: disciplines },
  { name: 'audience', label: 'audience', vocabulary: audiences },
  { name: 'format', label: 'format', vocabulary: eventFormats },
  { name: 'accessibility', label: 'accessibility', vocabulary: accessibilityFlags },
  { name: 'region', label: 'region', vocabulary: regions },
];

function toggled<Value>(values: readonly Value[], value: Value): Value[] {
  return values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
}

/** Each active filter as a chip that removes it. */
function activeChips(filters: Filters, locale: Locale): { id: string; label: string; without: Partial<Filters> }[] {
  const chips: { id: string; label: string; without: Partial<Filters> }[] = [];
  if (filters.when !== undefined) chips.push({ id: 'when', label: t(filters.when, {}, locale), without: { when: undefined } });
  if (filters.from !== undefined || filters.to !== undefined) {
    const label = [filters.from === undefined ? '' : `${t('dateFrom', {}, locale)} ${filters.from}`, filters.to === undefined ? '' : `${t('dateTo', {}, locale).toLowerCase()} ${filters.to}`].join(' ').trim();
    chips.push({ id: 'dates', label, without: { from: undefined, to: undefined } });
  }
  if (filters.q !== undefined) chips.push({ id: 'q', label: `« ${filters.q} »`, without: { q: undefined } });
  for (const facet of FACETS) {
    for (const value of filters[facet.name]) {
      chips.push({ id: `${facet.name}-${value}`, label: facet.vocabulary.label(value, locale), without: { [facet.name]: filters[facet.name].filter((item: string) => item !== value) } });
    }
  }
  if (filters.free) chips.push({ id: 'free', label: t('free', {}, locale), without: { free: false } });
  if (filters.online) chips.push({ id: 'online', label: t('online', {}, locale), without: { online: false } });
  if (filters.near !== undefined) chips.push({ id: 'near', label: `${t('nearMe', {}, locale)} (${t('radiusKm', { km: filters.radius ?? DEFAULT_RADIUS_KM }, locale)})`, without: { near: undefined, radius: undefined } });
  return chips;
}

export interface FilterBarProps {
  filters: Filters;
  locale: Locale;
  /** Region filters exist only nationally (a hub is one region). */
  national: boolean;
}

/**
 * Facet menus behave as menus: one open at a time, closed by Escape (focus back on its
 * summary) and by a click or tap anywhere outside it.
 */
export function closeFacetMenus(root: HTMLElement): () => void {
  const open = () => [...root.querySelectorAll<HTMLDetailsElement>('details.facet[open]')];
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const menus = open();
    if (menus.length === 0) return;
    event.preventDefault();
    for (const menu of menus) {
      const hadFocus = menu.contains(document.activeElement);
      menu.open = false;
      if (hadFocus || menus.length === 1) menu.querySelector('summary')?.focus();
    }
  };
  const onPointer = (event: Event) => {
    for (const menu of open()) if (!(event.target instanceof Node && menu.contains(event.target))) menu.open = false;
  };
  const onToggle = (event: Event) => {
    const opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.open) return;
    for (const menu of open()) if (menu !== opened) menu.open = false;
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointer);
  // `toggle` does not bubble: listen in the capture phase.
  root.addEventListener('toggle', onToggle, true);
  return () => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('pointerdown', onPointer);
    root.removeEventListener('toggle', onToggle, true);
  };
}

/** Search, quick chips and facet lists; every change goes to the URL. */
export function FilterBar({ filters, locale, national }: FilterBarProps) {
  const router = useRouter();
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState(false);
  const set = (patch: Partial<Filters>) => router.setFilters(patch);
  const count = activeFilterCount(filters);
  const facets = useRef<HTMLDivElement>(null);
  useEffect(() => (facets.current === null ? undefined : closeFacetMenus(facets.current)), []);

  const onSearch = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement | null;
    const q = input?.value.trim() ?? '';
    set({ q: q === '' ? undefined : q });
  };
  const nearMe = () => {
    if (!('geolocation' in navigator)) {
      setLocationError(true);
      return;
    }
    setLocating(true);
    setLocationError(false);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        set({ near: { lat: position.coords.latitude, lon: position.coords.longitude }, radius: filters.radius ?? DEFAULT_RADIUS_KM });
      },
      () => {
        setLocating(false);
        setLocationError(true);
      },
      { maximumAge: 300_000, timeout: 15_000 },
    );
  };
  const chip = (pressed: boolean, label: string, onClick: () => void) => (
    <button type="button" class="chip" aria-pressed={pressed} onClick={onClick}>
      {label}
    </button>
  );

  return (
    <div class="filter-bar">
      <form role="search" class="search" onSubmit={onSearch} key={filters.q ?? ''}>
        <label for="search-q" class="visually-hidden">
          {t('searchLabel', {}, locale)}
        </label>
        <input id="search-q" name="q" type="search" maxLength={200} defaultValue={filters.q ?? ''} placeholder={t('searchPlaceholder', {}, locale)} />
        <button type="submit">{t('search', {}, locale)}</button>
      </form>
      <div class="chips" role="group" aria-label={t('filters', {}, locale)}>
        {chip(filters.when === 'today', t('today', {}, locale), () => set({ when: filters.when === 'today' ? undefined : 'today', from: undefined, to: undefined }))}
        {chip(filters.when === 'weekend', t('weekend', {}, locale), () => set({ when: filters.when === 'weekend' ? undefined : 'weekend', from: undefined, to: undefined }))}
        {chip(filters.free, t('free', {}, locale), () => set({ free: !filters.free }))}
        {chip(filters.online, t('online', {}, locale), () => set({ online: !filters.online }))}
        {filters.near === undefined ? (
          <button type="button" class="chip" onClick={nearMe} disabled={locating}>
            {locating ? t('locating', {}, locale) : t('nearMe', {}, locale)}
          </button>
        ) : (
          <span class="near">
            <label for="near-radius">{t('radius', {}, locale)}</label>{' '}
            <select id="near-radius" value={String(filters.radius ?? DEFAULT_RADIUS_KM)} onChange={(event) => set({ radius: Number((event.currentTarget as HTMLSelectElement).value) })}>
              {RADIUS_CHOICES_KM.map((km) => (
                <option key={km} value={String(km)}>
                  {t('radiusKm', { km }, locale)}
                </option>
              ))}
            </select>{' '}
            <button type="button" class="chip" onClick={() => set({ near: undefined, radius: undefined })}>
              {t('nearMeStop', {}, locale)}
            </button>
          </span>
        )}
      </div>
      {locationError && filters.near === undefined ? (
        <div class="near-fallback">
          <p class="hint" role="status">
            {t('locationRefused', {}, locale)}
          </p>
          <CommuneSearch
            locale={locale}
            onChoose={(commune) => {
              setLocationError(false);
              set({ near: { lat: commune.lat, lon: commune.lon }, radius: filters.radius ?? DEFAULT_RADIUS_KM });
            }}
          />
        </div>
      ) : null}
      <div class="facets" ref={facets}>
        <details class="facet">
          <summary>{t('when', {}, locale)}</summary>
          <div class="facet-body dates">
            <label>
              {t('dateFrom', {}, locale)}{' '}
              <input type="date" value={filters.from ?? ''} onChange={(event) => set({ when: undefined, from: (event.currentTarget as HTMLInputElement).value || undefined })} />
            </label>
            <label>
              {t('dateTo', {}, locale)}{' '}
              <input type="date" value={filters.to ?? ''} min={filters.from} onChange={(event) => set({ when: undefined, to: (event.currentTarget as HTMLInputElement).value || undefined })} />
            </label>
          </div>
        </details>
        {FACETS.filter((facet) => national || facet.name !== 'region').map((facet) => (
          <details class="facet" key={facet.name}>
            <summary>
              {t(facet.label, {}, locale)}
              {filters[facet.name].length > 0 ? <span class="facet-count"> ({filters[facet.name].length})</span> : null}
            </summary>
            <fieldset class="facet-body">
              <legend class="visually-hidden">{t(facet.label, {}, locale)}</legend>
              {facet.vocabulary.values.map((value) => (
                <label key={value} class="check">
                  <input type="checkbox" name={facet.name} value={value} checked={(filters[facet.name] as readonly string[]).includes(value)} onChange={() => set({ [facet.name]: toggled(filters[facet.name] as readonly string[], value) })} />{' '}
                  {facet.vocabulary.label(value, locale)}
                </label>
              ))}
            </fieldset>
          </details>
        ))}
      </div>
      {count > 0 ? (
        <div class="active-filters" role="group" aria-label={t('activeFilters', {}, locale)}>
          {activeChips(filters, locale).map((active) => (
            <button type="button" key={active.id} class="chip chip-remove" aria-label={t('removeFilter', { label: active.label }, locale)} onClick={() => set(active.without)}>
              {active.label} <span aria-hidden="true">×</span>
            </button>
          ))}
          <button type="button" class="link-button" onClick={() => router.setFilters({ ...EMPTY_FILTERS, q: undefined, when: undefined, from: undefined, to: undefined, near: undefined, radius: undefined })}>
            {t('clearFilters', {}, locale)}
          </button>
        </div>
      ) : null}
    </div>
  );
}
