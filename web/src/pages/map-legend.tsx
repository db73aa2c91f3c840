import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';

export interface DirectoryLayers {
  place: boolean;
  project: boolean;
}

/**
 * What the national map's symbols mean, and the switches of its two extra layers: events are
 * round (always shown), places to visit square, projects diamonds, as map/directory-layers.ts
 * draws them.
 */
export function MapLegend({ layers, onChange, locale }: { layers: DirectoryLayers; onChange(next: DirectoryLayers): void; locale: Locale }) {
  const toggle = (type: keyof DirectoryLayers) => (event: Event) => onChange({ ...layers, [type]: (event.currentTarget as HTMLInputElement).checked });
  return (
    <fieldset class="map-legend" data-testid="map-legend">
      <legend>{t('legendTitle', {}, locale)}</legend>
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
  );
}
