import '../i18n/strings-portal.ts';
import { placeKinds, type Locale, type PlacePublic } from '@constellation/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import { basemapFolder, loadBaseStyle } from '../map/base-style.ts';
import type { PlacePoint } from '../map/portal-place-popup.ts';
import type { PlacesMap as PlacesMapEngine } from '../map/portal-places-map.ts';
import { DEFAULT_POSITION } from '../map/viewport.ts';
import { useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';

/** The places that can be drawn (a place always has coordinates; old data might not). */
export function placePoints(places: readonly PlacePublic[], locale: Locale, elsewhere = false): PlacePoint[] {
  return places.flatMap((place) => {
    const { lat, lon, commune } = place.location;
    if (lat === undefined || lon === undefined) return [];
    const details = [placeKinds.label(place.kind, locale), commune].filter((part): part is string => part !== undefined && part !== '').join(' · ');
    return [{ id: place.id, lat, lon, name: place.name, details, href: elsewhere ? place.url : viewHref({ name: 'content', type: 'place', slug: place.slug }) }];
  });
}

/** The places on a map, beside their list: created once, removed on unmount. */
export function PlacesMap({ config, places, locale }: { config: SiteConfig; places: readonly PlacePublic[]; locale: Locale }) {
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<PlacesMapEngine | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  const latest = useRef({ router });
  latest.current = { router };

  useEffect(() => {
    let cancelled = false;
    let created: PlacesMapEngine | undefined;
    // The map's code and its basemap (the real style, or the offline one when unreachable) at once.
    Promise.all([import('../map/portal-places-map.ts'), loadBaseStyle(config.mapStyle, locale, { base: basemapFolder() })])
      .then(([{ createPlacesMap }, base]) => {
        if (cancelled || container.current === null) return;
        created = createPlacesMap({
          container: container.current,
          base,
          label: t('portalPlacesMap', {}, locale),
          center: DEFAULT_POSITION,
          onOpen: (point, click) => {
            // Nationally a place's page is on its hub: the link leaves the site.
            if (config.mode === 'national') return;
            click.preventDefault();
            latest.current.router.go(point.href);
          },
          onLoad: () => container.current?.setAttribute('data-map-ready', 'true'),
        });
        map.current = created;
        setReady(true);
      })
      .catch((error: unknown) => {
        console.warn('map unavailable', error);
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      created?.remove();
      map.current = undefined;
    };
    // Created once; the points reach it through the effect below.
  }, []);

  useEffect(() => {
    map.current?.setPoints(placePoints(places, locale, config.mode === 'national'));
  }, [places, ready, locale]);

  return (
    <div class="map-box portal-places-map">
      <div ref={container} class="map" data-testid="places-map" />
      <p class="hint">{t('portalPlacesMapHint', {}, locale)}</p>
      {failed ? <p class="map-fallback">{t('portalMapUnavailable', {}, locale)}</p> : null}
    </div>
  );
}
