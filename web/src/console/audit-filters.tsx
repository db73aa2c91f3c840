/**
 * The audit log's filters: a person, an action, what it was done to, a period. They live in
 * the URL (a filtered log can be reloaded or sent to a colleague) and go to the hub as they
 * are; a period ending before it starts is refused at its field rather than sent.
 */
import '../i18n/strings-console.ts';
import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';
import type { AuditPersonItem } from './console-api.ts';
import { describedBy, Field } from './console-form.tsx';
import { actionLabel, AUDIT_ACTIONS, AUDIT_TARGET_TYPES, targetTypeLabel, whoRoleLabel } from './audit-words.ts';

export interface AuditFilters {
  user?: string;
  action?: string;
  type?: string;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9-]{1,100}$/;

/** The filters a URL's parameters name; anything unknown or malformed is left out. */
export function auditFilters(params: Record<string, string>): AuditFilters {
  const filters: AuditFilters = {};
  if (params.user !== undefined && ID.test(params.user)) filters.user = params.user;
  if (params.action !== undefined && AUDIT_ACTIONS.includes(params.action)) filters.action = params.action;
  if (params.type !== undefined && AUDIT_TARGET_TYPES.includes(params.type)) filters.type = params.type;
  if (params.from !== undefined && DAY.test(params.from)) filters.from = params.from;
  if (params.to !== undefined && DAY.test(params.to)) filters.to = params.to;
  return filters;
}

/** The filters as URL parameters, and as the hub's query (the same names). */
export function auditParams(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => typeof value === 'string' && value !== '')) as Record<string, string>;
}

export function AuditFiltersForm({ filters, people, locale, onApply }: { filters: AuditFilters; people: AuditPersonItem[]; locale: Locale; onApply: (filters: AuditFilters) => void }) {
  const [user, setUser] = useState(filters.user ?? '');
  const [action, setAction] = useState(filters.action ?? '');
  const [type, setType] = useState(filters.type ?? '');
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [periodError, setPeriodError] = useState(false);
  const known = people.some((person) => person.id === user);
  const toErrors = periodError ? [t('consoleAuditPeriodError', {}, locale)] : [];
  return (
    <form
      class="console-filters audit-filters"
      role="search"
      aria-label={t('consoleAuditFilters', {}, locale)}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const wrong = from !== '' && to !== '' && to < from;
        setPeriodError(wrong);
        if (wrong) {
          document.getElementById('audit-to')?.focus();
          return;
        }
        onApply(auditFilters({ user, action, type, from, to }));
      }}
    >
      <div class="console-field">
        <label for="audit-user">{t('consoleAuditPerson', {}, locale)}</label>
        <select id="audit-user" value={user} onChange={(event) => setUser(event.currentTarget.value)}>
          <option value="">{t('consoleAuditAnyone', {}, locale)}</option>
          {!known && user !== '' ? <option value={user}>{t('consoleAuditAccountGone', {}, locale)}</option> : null}
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({whoRoleLabel(person.role, locale)})
            </option>
          ))}
        </select>
      </div>
      <div class="console-field">
        <label for="audit-action">{t('consoleAuditWhat', {}, locale)}</label>
        <select id="audit-action" value={action} onChange={(event) => setAction(event.currentTarget.value)}>
          <option value="">{t('consoleAuditAnyAction', {}, locale)}</option>
          {AUDIT_ACTIONS.map((value) => (
            <option key={value} value={value}>
              {actionLabel(value, locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="console-field">
        <label for="audit-type">{t('consoleAuditTargetType', {}, locale)}</label>
        <select id="audit-type" value={type} onChange={(event) => setType(event.currentTarget.value)}>
          <option value="">{t('consoleAuditAnyTarget', {}, locale)}</option>
          {AUDIT_TARGET_TYPES.map((value) => (
            <option key={value} value={value}>
              {targetTypeLabel(value, locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="console-field">
        <label for="audit-from">{t('consoleAuditFrom', {}, locale)}</label>
        <input id="audit-from" type="date" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
      </div>
      <Field inputId="audit-to" label={t('consoleAuditTo', {}, locale)} errors={toErrors} locale={locale}>
        <input id="audit-to" type="date" value={to} {...describedBy('audit-to', false, toErrors)} onInput={(event) => setTo(event.currentTarget.value)} />
      </Field>
      <button type="submit">{t('consoleFilter', {}, locale)}</button>
    </form>
  );
}
