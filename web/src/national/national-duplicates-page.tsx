/** The national console's tab of cross-hub duplicates. */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import type { AdminSession } from './admin-session.ts';
import { NationalTabPage } from './national-console-tabs.tsx';
import { NationalDuplicates } from './national-duplicates.tsx';

export function NationalDuplicatesPage({ session, locale }: { session: AdminSession; locale: Locale }) {
  const [notice, setNotice] = useState('');
  // A notice is said in the language it was made in: it goes when the reader switches.
  useEffect(() => setNotice(''), [locale]);
  return (
    <NationalTabPage title="dupTitle" tab="duplicates" locale={locale} notice={notice}>
      <NationalDuplicates session={session} locale={locale} announce={setNotice} />
    </NationalTabPage>
  );
}
