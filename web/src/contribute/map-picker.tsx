import '../i18n/strings-contribute.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import type { SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import { basemapFolder, loadBaseStyle } from '../map/base-style.ts';
import type { PickedPoint, PickerMap } from '../map/picker-map.ts';

interface Props {
  config: SiteConfig;
  locale: Locale;
  point: PickedPoint | undefined;
  onPick(point: PickedPoint): void;
}

/** The map that sets a place's coordinates; created once, removed on unmount, fed the typed point. */
export function MapPicker({ config, locale, point, onPick }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<PickerMap | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const latest = useRef(onPick);
  latest.current = onPick;

  useEffect(() => {
    let cancelled = false;
    let created: PickerMap | undefined;
    // The map's code and its basemap (the real style, or the offline one when unreachable) at once.
    Promise.all([import('../map/picker-map.ts'), loadBaseStyle(config.mapStyle, locale, { base: basemapFolder() })])
      .then(([{ createPickerMap }, base]) => {
        if (cancelled || container.current === null) return;
        created = createPickerMap({
          container: container.current,
          base,
          label: t('contribMapLabel', {}, locale),
          point,
          onPick: (picked) => latest.current(picked),
        });
        map.current = created;
      })
      .catch((error: unknown) => {
        console.warn('map picker unavailable', error);
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      created?.remove();
      map.current = undefined;
    };
    // Created once; the point reaches it through the effect below.
  }, []);

  useEffect(() => {
    map.current?.setPoint(point);
  }, [point?.lat, point?.lon]);

  return (
    <div class="map-picker">
      <p class="field-hint">{t(failed ? 'contribMapUnavailable' : 'contribMapHelp', {}, locale)}</p>
      {!failed && <div class="map-picker-box" ref={container} />}
    </div>
  );
}
