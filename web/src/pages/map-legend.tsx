import type { Locale } from '@constellation/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/locale.ts';

export interface DirectoryLayers {
  place: boolean;
  project: boolean;
}

/** The width under which the legend starts folded (the phone layout in styles/app.css). */
const PHONE_QUERY = '(max-width: 40rem)';

/**
 * What the national map's symbols mean, and the switches of its two extra layers: events are
 * round (always shown), places to visit square, projects diamonds, as map/directory-layers.ts
 * draws them. On a phone it starts folded to its title: open, it covered a third of the map,
 * the very place the address centres on at city zoom (Lyon's clusters at /?map=13/45.76/4.85).
 */
export function MapLegend({ layers, onChange, locale }: { layers: DirectoryLayers; onChange(next: DirectoryLayers): void; locale: Locale }) {
  const toggle = (type: keyof DirectoryLayers) => (event: Event) => onChange({ ...layers, [type]: (event.currentTarget as HTMLInputElement).checked });
  // Folded once in the browser: the server's page (which the app hydrates, keeping its
  // attributes) cannot know the screen, so it sends the legend open.
  const box = useRef<HTMLDetailsElement>(null);
  useLayoutEffect(() => {
    if (box.current !== null && typeof matchMedia === 'function' && matchMedia(PHONE_QUERY).matches) box.current.open = false;
  }, []);
  return (
    <details class="map-legend" data-testid="map-legend" open ref={box}>
      <summary>{t('legendTitle', {}, locale)}</summary>
      <fieldset aria-label={t('legendTitle', {}, locale)}>
        <p class="map-legend-row">
          <span class="map-legend-symbol symbol-event" aria-hidden="true" />
          {t('legendEvents', {}, locale)}
        </p>
        <p class="map-legend-row">
          <span class="map-legend-symbol symbol-village" aria-hidden="true" />
          {t('legendVillages', {}, locale)}
        </p>
        <label class="map-legend-row">
          <input type="checkbox" checked={layers.place} onChange={toggle('place')} />
          <span class="map-legend-symbol symbol-place" aria-hidden="true" />
          {t('legendPlaces', {}, locale)}
        </label>
        <label class="map-legend-row">
          <input type="checkbox" checked={layers.project} onChange={toggle('project')} />
          <span class="map-legend-symbol symbol-project" aria-hidden="true" />
          {t('legendProjects', {}, locale)}
        </label>
      </fieldset>
    </details>
  );
}
