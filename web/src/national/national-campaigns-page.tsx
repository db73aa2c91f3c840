/** The national console's campaigns tab. */
import { useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import type { AdminSession } from './admin-session.ts';
import { NationalCampaigns } from './national-campaigns.tsx';
import { NationalTabPage } from './national-console-tabs.tsx';

export function NationalCampaignsPage({ session, locale }: { session: AdminSession; locale: Locale }) {
  const [notice, setNotice] = useState('');
  return (
    <NationalTabPage title="ncTitle" tab="campaigns" locale={locale} notice={notice}>
      <NationalCampaigns session={session} locale={locale} announce={setNotice} />
    </NationalTabPage>
  );
}
