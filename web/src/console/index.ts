/** What tests see of web/src/console. */
export { ConsolePage, visibleTabs, MODERATOR_TABS, ADMIN_TABS } from './console-page.tsx';
export { ContentPreview, placeLine, webUrl } from './content-preview.tsx';
export { ReasonForm } from './reason-form.tsx';
export * from './console-api.ts';
export { AuditTab, actionLabel, detailsText } from './audit-tab.tsx';
export { ReportsTab, reasonLabel } from './reports-tab.tsx';
export { SettingsTab, settingsErrors, settingsInputId } from './settings-tab.tsx';
export { describedBy, ErrorSummary, Field, type FieldError } from './console-form.tsx';
export { UsersTab } from './users-tab.tsx';
export { ActorsTab } from './actors-tab.tsx';
