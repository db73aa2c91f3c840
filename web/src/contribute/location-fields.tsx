/**
 * A place: its name and address, a commune search that fills the commune, postal code,
 * INSEE code and coordinates, and the coordinates themselves (typed, or picked on a map).
 */
import '../i18n/strings-contribute.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommuneItem } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { fieldId } from './field-id.ts';
import { FieldGroup, FieldRow } from './form-fields.tsx';
import type { LocationDraft } from './form-spec.ts';
import { MapPicker } from './map-picker.tsx';
import type { FieldEnv } from './field-env.ts';

interface Props {
  path: string;
  legend: string;
  value: LocationDraft;
  onChange(value: LocationDraft): void;
  env: FieldEnv;
  required: boolean;
  hint?: string;
}

type Search = { status: 'idle' } | { status: 'loading' } | { status: 'done'; items: CommuneItem[] } | { status: 'unavailable' };

/** A commune chosen from the search, written into the place (its name and address stay). */
export function withCommune(value: LocationDraft, commune: CommuneItem): LocationDraft {
  return { ...value, commune: commune.name, postalCode: commune.postalCode ?? '', inseeCode: commune.inseeCode, lat: String(commune.lat), lon: String(commune.lon) };
}

/** The typed coordinates as a point, when both are numbers in range. */
export function typedPoint(value: LocationDraft): { lat: number; lon: number } | undefined {
  const lat = Number(value.lat.replace(',', '.'));
  const lon = Number(value.lon.replace(',', '.'));
  if (value.lat.trim() === '' || value.lon.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

const SEARCH_DELAY_MS = 300;

export function LocationFields({ path, legend, value, onChange, env, required, hint }: Props) {
  const { locale, errors } = env;
  const session = useSession();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [showMap, setShowMap] = useState(false);
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setSearch({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearch({ status: 'loading' });
      session.request<{ items: CommuneItem[] }>('GET', '/api/v1/communes', { query: { q }, signal: controller.signal }).then(
        (answer) => setSearch({ status: 'done', items: answer.items }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setSearch(error instanceof ApiError && error.status === 404 ? { status: 'unavailable' } : { status: 'done', items: [] });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const set = (key: keyof LocationDraft) => (event: Event) => onChange({ ...value, [key]: (event.currentTarget as HTMLInputElement).value });
  const row = (key: keyof LocationDraft, label: string, extra: Record<string, unknown> = {}) => (
    <FieldRow path={`${path}.${key}`} label={label} locale={locale} errors={errors[`${path}.${key}`]}>
      {(attributes) => <input {...attributes} type="text" value={value[key]} onInput={set(key)} {...extra} />}
    </FieldRow>
  );
  const searchId = `${fieldId(path)}-search`;
  return (
    <FieldGroup path={path} legend={legend} locale={locale} required={required} errors={errors[path]} {...(hint === undefined ? {} : { hint })}>
      {path === 'place' && row('name', t('contribPlaceName', {}, locale), { maxLength: 200 })}
      {row('address', t('contribAddress', {}, locale), { maxLength: 300, autoComplete: 'street-address' })}
      <div class="field commune-search">
        <label for={searchId}>{t('contribCommuneSearch', {}, locale)}</label>
        <input id={searchId} type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} autoComplete="off" aria-describedby={`${searchId}-status`} />
        <p id={`${searchId}-status`} class="field-hint" role="status">
          {search.status === 'loading' && t('loading', {}, locale)}
          {search.status === 'unavailable' && t('contribCommuneUnavailable', {}, locale)}
          {search.status === 'done' && (search.items.length === 0 ? t('contribCommuneNone', {}, locale) : t('contribCommuneResults', { count: search.items.length }, locale))}
          {search.status === 'idle' && chosen !== undefined && t('contribCommuneChosen', { name: chosen }, locale)}
        </p>
        {search.status === 'done' && search.items.length > 0 && (
          <ul class="commune-results">
            {search.items.map((commune) => (
              <li key={commune.inseeCode}>
                <button
                  type="button"
                  onClick={() => {
                    onChange(withCommune(latest.current, commune));
                    setChosen(commune.name);
                    setQuery('');
                  }}
                >
                  {t('contribCommuneChoose', { name: commune.name, postalCode: commune.postalCode ?? commune.inseeCode, departement: commune.departement }, locale)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="inline-fields">
        {row('commune', t('contribCommune', {}, locale), { maxLength: 100, autoComplete: 'address-level2' })}
        {row('postalCode', t('contribPostalCode', {}, locale), { inputMode: 'numeric', maxLength: 5, autoComplete: 'postal-code' })}
        {row('inseeCode', t('contribInsee', {}, locale), { maxLength: 5 })}
      </div>
      <div class="inline-fields">
        {row('lat', t('contribLat', {}, locale), { inputMode: 'decimal' })}
        {row('lon', t('contribLon', {}, locale), { inputMode: 'decimal' })}
      </div>
      <button type="button" aria-expanded={showMap} onClick={() => setShowMap(!showMap)}>
        {t(showMap ? 'contribMapHide' : 'contribMapShow', {}, locale)}
      </button>
      {showMap && <MapPicker config={env.config} locale={locale} point={typedPoint(value)} onPick={(point) => onChange({ ...latest.current, lat: String(point.lat), lon: String(point.lon) })} />}
    </FieldGroup>
  );
}
