/** The national console's tab of national admins. */
import '../i18n/strings-console.ts';
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import type { AdminSession } from './admin-session.ts';
import { NationalAdmins } from './national-admins.tsx';
import { NationalTabPage } from './national-console-tabs.tsx';

export function NationalAdminsPage({ session, locale }: { session: AdminSession; locale: Locale }) {
  const [notice, setNotice] = useState('');
  // A notice is said in the language it was made in: it goes when the reader switches.
  useEffect(() => setNotice(''), [locale]);
  return (
    <NationalTabPage title="naTitle" tab="admins" locale={locale} notice={notice} intro={<p>{t('naIntro', {}, locale)}</p>}>
      <NationalAdmins session={session} locale={locale} announce={setNotice} />
    </NationalTabPage>
  );
}
