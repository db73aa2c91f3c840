import type { Locale } from '@constellation/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';
import { basemapFolder, loadPlaceLabels } from '../map/base-style.ts';
import type { PlaceLabels } from '../map/basemap-style.ts';
import { matchCommunes, type Commune } from './commune-match.ts';

export interface CommuneSearchProps {
  locale: Locale;
  onChoose(commune: Commune): void;
  /** The commune names (tests give them; the app reads the bundled places.json). */
  load?: () => Promise<PlaceLabels>;
}

/**
 * "Près de moi" without a position (refused, unavailable, a desktop without location): the
 * reader names their commune instead. The names are the ones the offline basemap ships.
 */
export function CommuneSearch({ locale, onChoose, load = () => loadPlaceLabels(basemapFolder()) }: CommuneSearchProps) {
  const [communes, setCommunes] = useState<PlaceLabels['communes'] | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (labels) => live && setCommunes(labels.communes),
      () => live && setCommunes([]),
    );
    input.current?.focus();
    return () => {
      live = false;
    };
  }, []);
  const found = communes === undefined ? [] : matchCommunes(communes, typed);
  return (
    <div class="commune-search">
      <label for="commune-q">{t('communeSearch', {}, locale)}</label>
      <input id="commune-q" ref={input} type="search" autocomplete="off" maxLength={80} value={typed} placeholder={t('communePlaceholder', {}, locale)} onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)} />
      {typed.trim().length >= 2 && communes !== undefined ? (
        found.length === 0 ? (
          <p class="hint" role="status">
            {t('communeNone', {}, locale)}
          </p>
        ) : (
          <ul class="commune-results" aria-label={t('communeResults', {}, locale)}>
            {found.map((commune) => (
              <li key={`${commune.name}-${commune.lon}-${commune.lat}`}>
                <button type="button" class="link-button" onClick={() => onChoose(commune)}>
                  {commune.name}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
