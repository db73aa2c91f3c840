import { eventFormats, regions, type EventFormat, type Locale, type RegionCode } from '@constellation/shared';
import type { CampaignDetail } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import { useRouter } from '../state/router.ts';
import type { Filters } from '../state/url-state.ts';

type Row = { value: string; label: string; count: number };

function rows(tally: Record<string, number>, has: (value: string) => boolean, label: (value: string) => string): Row[] {
  return Object.entries(tally)
    .filter(([value, count]) => has(value) && count > 0)
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * The campaign's events counted by region and by format; each line is a toggle that
 * filters the page to it (the filter goes to the address, like the filter bar's).
 */
export function CampaignCounts({ counts, filters, locale }: { counts: CampaignDetail['counts']; filters: Filters; locale: Locale }) {
  const router = useRouter();
  const number = new Intl.NumberFormat(locale);
  const total = counts.total === 0 ? t('campaignTotalNone', {}, locale) : counts.total === 1 ? t('campaignTotalOne', {}, locale) : t('campaignTotal', { count: number.format(counts.total) }, locale);
  const byRegion = rows(counts.byRegion, (value) => regions.has(value), (value) => regions.label(value as RegionCode, locale));
  const byFormat = rows(counts.byFormat, (value) => eventFormats.has(value), (value) => eventFormats.label(value as EventFormat, locale));
  const toggle = (facet: 'region' | 'format', value: string) => {
    const current: readonly string[] = filters[facet];
    const next = current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
    router.setFilters({ [facet]: next } as Partial<Filters>);
  };
  const list = (facet: 'region' | 'format', items: Row[], title: 'campaignByRegion' | 'campaignByFormat') =>
    items.length === 0 ? null : (
      <div class="campaign-tally">
        <h3>{t(title, {}, locale)}</h3>
        <ul>
          {items.map((row) => {
            const pressed = (filters[facet] as readonly string[]).includes(row.value);
            return (
              <li key={row.value}>
                <button type="button" class="tally-row" aria-pressed={pressed} aria-label={t('campaignFilterBy', { label: row.label, count: number.format(row.count) }, locale)} onClick={() => toggle(facet, row.value)}>
                  <span class="tally-label">{row.label}</span>
                  <span class="tally-count">{number.format(row.count)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    );
  return (
    <section class="campaign-counts" aria-labelledby="campaign-counts-title">
      <div>
        <h2 id="campaign-counts-title">{t('campaignCountsTitle', {}, locale)}</h2>
        <p class="campaign-total" data-testid="campaign-total">
          {total}
        </p>
      </div>
      {list('region', byRegion, 'campaignByRegion')}
      {list('format', byFormat, 'campaignByFormat')}
    </section>
  );
}
