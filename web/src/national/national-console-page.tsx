/**
 * The national console (`/admin` on the aggregator's site): register a hub by URL after
 * reading its descriptor, approve, suspend with a reason, read its descriptor again,
 * remove it, and read each hub's health and the items it was refused. Everything the
 * aggregator CLI does for hubs. One polite live region says what was done. Each tab is a
 * page of its own (national-*-page.tsx); the hubs' notice outlives a reload of the list.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { useAdminSession } from './admin-session.ts';
import { NationalAdminsPage } from './national-admins-page.tsx';
import { NationalCampaignsPage } from './national-campaigns-page.tsx';
import { NationalDuplicatesPage } from './national-duplicates-page.tsx';
import { NationalHubsPage } from './national-hubs-page.tsx';

export function NationalConsolePage({ locale, tab }: { locale: Locale; tab?: 'campaigns' | 'duplicates' | 'admins' }) {
  const session = useAdminSession();
  const [notice, setNotice] = useState('');
  useEffect(() => setNotice(''), [tab]);
  if (tab === 'campaigns') return <NationalCampaignsPage session={session} locale={locale} />;
  if (tab === 'duplicates') return <NationalDuplicatesPage session={session} locale={locale} />;
  if (tab === 'admins') return <NationalAdminsPage session={session} locale={locale} />;
  return <NationalHubsPage session={session} locale={locale} notice={notice} setNotice={setNotice} />;
}
