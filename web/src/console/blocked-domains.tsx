/**
 * The domains the hub blocks on the fediverse: those of the server's configuration (shown,
 * changed there only) and those the operator blocks here, under the followed sources.
 */
import '../i18n/strings-fediverse.ts';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { dateTime } from './format.ts';
import { DomainListEditor } from './domain-list-editor.tsx';

interface BlockedView {
  domain: string;
  source: 'config' | 'operator';
  createdAt: string | null;
}

export function BlockedDomains({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  return (
    <DomainListEditor
      locale={locale}
      announce={announce}
      name="blocked-domains"
      listKey="blocked-domains"
      path="/api/v1/activitypub/blocked-domains"
      field="domain"
      inputId="blocked-domain"
      placeholder="spam.example"
      words={{ heading: 'consoleBlockedHeading', hint: 'consoleBlockedHint', label: 'consoleBlockedDomain', add: 'consoleBlockedAdd', added: 'consoleBlockedAdded', empty: 'consoleBlockedEmpty', remove: 'consoleBlockedRemove', removed: 'consoleBlockedRemoved' }}
      meta={(item: BlockedView) => (item.source === 'config' || item.createdAt === null ? t('consoleBlockedConfig', {}, locale) : t('consoleBlockedSince', { date: dateTime(item.createdAt, locale) }, locale))}
      removable={(item) => item.source === 'operator'}
    />
  );
}
