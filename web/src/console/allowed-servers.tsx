/**
 * The servers on which verified organisations may follow fediverse sources themselves,
 * from their management page: the operator's list, under the followed sources.
 */
import '../i18n/strings-fediverse.ts';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { dateTime } from './format.ts';
import { DomainListEditor } from './domain-list-editor.tsx';

interface ServerView {
  host: string;
  createdAt: string;
}

export function AllowedServers({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  return (
    <DomainListEditor
      locale={locale}
      announce={announce}
      name="allowed-servers"
      listKey="servers"
      path="/api/v1/activitypub/servers"
      field="host"
      inputId="allowed-server-host"
      placeholder="mobilizon.example"
      words={{ heading: 'consoleServersHeading', hint: 'consoleServersHint', label: 'consoleServersHost', add: 'consoleServersAdd', added: 'consoleServersAdded', empty: 'consoleServersEmpty', remove: 'consoleServersRemove', removed: 'consoleServersRemoved' }}
      meta={(server: ServerView) => t('consoleServersSince', { date: dateTime(server.createdAt, locale) }, locale)}
    />
  );
}
