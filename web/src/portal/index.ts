/** What tests see of web/src/portal. */
export { HomePage } from './home-page.tsx';
export { DirectoryPage } from './directory-page.tsx';
export { ContentPage } from './content-page.tsx';
export { ContentView, locationText } from './content-view.tsx';
export { ContentCard, CardList, cardFacts } from './content-card.tsx';
export { typed, type TypedItem, type DirectoryItem } from './content-item.ts';
export { DirectoryFilters } from './directory-filters.tsx';
export {
  DIRECTORY_FILTERS,
  normaliseDirectoryParams,
  withParam,
  activeFilterNames,
  directoryApiPath,
  directoryApiQuery,
  paramsOfApiQuery,
  type FilterSpec,
} from './directory-query.ts';
export { openingPeriods, formatClock, formatLocalDate, type OpeningPeriod, type OpeningDay } from './opening-hours.ts';
export { OpeningHoursTable } from './opening-hours-table.tsx';
export { reportRequest, oneLine, EMPTY_REPORT, type ReportForm as ReportFormState } from './report-input.ts';
export { ReportForm, ReportButton } from './report-form.tsx';
export { placePoints } from './places-map.tsx';
export { buildPlacePopup, pointsBounds, type PlacePoint } from '../map/portal-place-popup.ts';
