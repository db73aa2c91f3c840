/** What tests see of web/src/console. */
export { ConsolePage, visibleTabs, MODERATOR_TABS, ADMIN_TABS } from './console-page.tsx';
export { ContentPreview, placeLine, webUrl } from './content-preview.tsx';
export { ReasonForm } from './reason-form.tsx';
export * from './console-api.ts';
export { AuditTab, auditCsv, targetHref } from './audit-tab.tsx';
export { actionLabel, changeRows, changeText, fieldLabel, valueText } from './audit-words.ts';
export { auditFilters, auditParams } from './audit-filters.tsx';
export { csvCell, csvText } from './csv.ts';
export { StatsTab, statsCsv, publishedTable, statsPeriod } from './stats-tab.tsx';
export { BarChart } from './bar-chart.tsx';
export { ReportsTab, reasonLabel } from './reports-tab.tsx';
export { SettingsTab, settingsErrors, settingsInputId } from './settings-tab.tsx';
export { describedBy, ErrorSummary, Field, type FieldError } from './console-form.tsx';
export { UsersTab } from './users-tab.tsx';
export { ActorsTab } from './actors-tab.tsx';
export { PartnersFields, partnerError, partnerInputId } from './partners-fields.tsx';
