/**
 * The web package's public surface for tests: the pure parts (URL state, dates, queries,
 * live merging) and the components that do not need a map. The app's entry is main.tsx.
 */
export { pickLocale, locale, setLocale, t, countLabel } from './i18n/locale.ts';
export { CORE_STRINGS, type StringKey } from './i18n/strings.ts';
export * from './state/url-state.ts';
export { createRouter, RouterContext, type Router } from './state/router.ts';
export { dayKey, formatDay, formatRange, formatInstantLong } from './dates/zoned.ts';
export { describeRule, type RuleSource } from './dates/rule-words.ts';
export { EventDates, eventIcsUrl } from './pages/event-dates.tsx';
export { priceText } from './pages/event-page.tsx';
export { groupByDay, type DayGroup } from './dates/day-groups.ts';
export { filterWindow, weekendOf, localDayKey } from './dates/windows.ts';
export { filterQuery, listQuery, subscriptionQuery, formatBbox, type Bbox } from './api/query.ts';
export { createApiClient, ApiError, apiErrorOf, type ApiClient, type FieldIssue } from './api/client.ts';
export { decodePage, decodeDetail, decodeMapItems, decodeHubs, decodeConfig, decodeLiveChange, decodeCampaigns, decodeCampaignDetail } from './api/decode.ts';
export { campaignClient, type CampaignScope } from './campaigns/scoped-client.ts';
export { countsQuery, hasOwnWindow } from './campaigns/campaign-query.ts';
export { campaignDays, campaignPhase } from './campaigns/campaign-days.ts';
export type * from './api/types.ts';
export { streamQuery } from './live/live-stream.ts';
export { AgendaPage } from './pages/agenda-page.tsx';
export { upsertEvent, withoutEvent, inArea } from './live/merge.ts';
export { campaignAnswerText } from './contribute/campaign-answer.tsx';
export { buildPopupContent, buildPopupList, buildProgrammePopup, type PopupEvent, type ProgrammeEvent } from './map/popup-content.ts';
export { boxMetres, distinctEvents, listsInsteadOfZooming, unionBox, SAME_PLACE_METRES, type PlacedEvent } from './map/same-place.ts';
export { matchCommunes, foldName, type Commune } from './components/commune-match.ts';
export { CommuneSearch } from './components/commune-search.tsx';
export { viewBounds, DEFAULT_POSITION } from './map/viewport.ts';
export { BASEMAP_TILE_SETS } from './map/basemap-tiles.ts';
export { offlineStyle, regionLabels, communeLabels, departementLabels, deferredSourcesOf, readPlaceLabels, COMMUNE_LABEL_LAYERS, COMMUNE_LABELS_LAYER, type PlaceLabels } from './map/basemap-style.ts';
export { DEFAULT_MAP_STYLE, OFFLINE_MAP_STYLE, labelFontOf, loadBaseStyle, loadPlaceLabels, usesPmtiles, type BaseStyle } from './map/base-style.ts';
export { DIRECTORY_LAYERS } from './map/directory-layers.ts';
export { EVENT_LAYERS, layerBefore } from './map/event-layers.ts';
export { EventList } from './components/event-list.tsx';
export { announce, LiveNotice, liveMessage } from './components/live-notice.tsx';
export { FilterBar, closeFacetMenus } from './components/filter-bar.tsx';
export { App } from './app.tsx';
export { Markdown } from './components/markdown.tsx';
export { Picture, srcsetOf } from './components/picture.tsx';
export { createSession, SessionContext, useSession, queryString, type Session, type Account } from './session/session.ts';
export * from './portal/index.ts';
export * from './account/index.ts';
export * from './contribute/index.ts';
export * from './console/index.ts';
export { apiMessage, reasonOf } from './i18n/api-messages.ts';
export { hydrateKeepingInput } from './ssr/early-input.ts';
export { SiteFooter } from './site/site-footer.tsx';
