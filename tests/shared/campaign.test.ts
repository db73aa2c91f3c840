import { describe, expect, it } from 'vitest';
import { CampaignInput, CampaignList, EventPublic, isWithinCampaign, validate, type EventPublic as EventPublicType } from '@constellation/shared';
import { eventJsonLd, eventPageDates, renderCsv, renderJsonFeed } from '@constellation/shared/server';
import { clone, fullEventPublic, ids } from './fixtures.ts';

/* The campaign contract: its bounds, and how an event's campaign, umbrella and edition travel in every export. */

const fds = {
  slug: 'fete-de-la-science-2026',
  name: 'Fête de la science 2026',
  startDate: '2026-10-02',
  endDate: '2026-10-12',
  description: 'Partout en France, **dix jours** de science.',
  logo: { url: 'https://national.example.org/media/fds.png', alt: 'Logo de la Fête de la science' },
  regions: ['24', '84'],
};

function fields(value: unknown): string[] {
  const result = validate(CampaignInput, value);
  return result.ok ? [] : result.issues.map((issue) => issue.field);
}

describe('CampaignInput', () => {
  it('accepts a whole campaign', () => {
    expect(validate(CampaignInput, fds).ok).toBe(true);
  });

  it('refuses, naming the field: end before start, more than a season, no region, a bad slug, an unknown region, an extra field', () => {
    expect(fields({ ...fds, endDate: '2026-10-01' })).toEqual(['endDate']);
    expect(fields({ ...fds, endDate: '2027-06-01' })).toEqual(['endDate']);
    expect(fields({ ...fds, regions: [] })).toEqual(['regions']);
    expect(fields({ ...fds, slug: 'Fête de la science' })).toEqual(['slug']);
    expect(fields({ ...fds, regions: ['99'] })).toEqual(['regions.0']);
    expect(fields({ ...fds, regions: ['24', '24'] })).toEqual(['regions']);
    expect(fields({ ...fds, owner: 'me' })).toEqual(['owner']);
    expect(fields({ ...fds, name: '' })).toEqual(['name']);
  });

  it('counts campaign days in France’s zone', () => {
    expect(isWithinCampaign(fds, Date.parse('2026-10-01T22:30:00Z'))).toBe(true); // 00:30 on the 2nd in Paris
    expect(isWithinCampaign(fds, Date.parse('2026-10-12T22:30:00Z'))).toBe(false);
  });

  it('takes a list of campaigns as the aggregator publishes it', () => {
    const item = { ...fds, url: 'https://national.example.org/campagnes/fete-de-la-science-2026', createdAt: '2026-06-01T09:00:00.000Z', updatedAt: '2026-06-01T09:00:00.000Z' };
    expect(validate(CampaignList, { protocol: 'constellation/1', issuer: 'https://national.example.org', generatedAt: '2026-09-01T08:00:00.000Z', items: [item] }).ok).toBe(true);
    const bad = validate(CampaignList, { protocol: 'constellation/1', issuer: 'https://national.example.org', generatedAt: '2026-09-01T08:00:00.000Z', items: [{ ...item, endDate: '2026-01-01' }] });
    expect(bad.ok ? [] : bad.issues.map((issue) => issue.field)).toEqual(['items.0.endDate']);
  });
});

describe('an event in a campaign, under an umbrella, with a previous edition', () => {
  const event: EventPublicType = { ...clone(fullEventPublic), campaign: fds.slug, parentEventId: ids.eventCafe, previousEditionId: ids.eventCafe };

  it('is a valid public event', () => {
    expect(validate(EventPublic, event).ok).toBe(true);
    expect(validate(EventPublic, { ...event, previousEditionId: 'last-year' }).ok).toBe(false);
  });

  it('gives the umbrella and the campaign as schema.org superEvents', () => {
    const { next } = eventPageDates(event, Date.parse('2026-01-01T00:00:00Z'));
    const ld = eventJsonLd({ event, organiser: undefined, occurrence: next, umbrella: { name: 'Village des sciences', url: 'https://centre.example.org/evenements/village' }, campaign: { name: fds.name, url: 'https://national.example.org/campagnes/fete-de-la-science-2026' } });
    expect(ld.superEvent).toEqual([
      { '@type': 'Event', '@id': 'https://centre.example.org/evenements/village#event', url: 'https://centre.example.org/evenements/village', name: 'Village des sciences' },
      { '@type': 'EventSeries', identifier: fds.slug, name: fds.name, url: 'https://national.example.org/campagnes/fete-de-la-science-2026' },
    ]);
    const { campaign: _campaign, parentEventId: _parent, ...plainEvent } = clone(fullEventPublic);
    const plain = eventJsonLd({ event: plainEvent, organiser: undefined, occurrence: next });
    expect(plain.superEvent).toBeUndefined();
  });

  it('carries them in JSON Feed and CSV', () => {
    const start = Date.parse(event.timings?.[0]?.start ?? '');
    const feed = JSON.parse(renderJsonFeed([{ event, start, end: start, publishedAt: event.updatedAt, organiser: undefined }], { title: 't', homeUrl: 'https://x.example', selfUrl: 'https://x.example/feed.json', description: 'd', updated: event.updatedAt })) as { items: { _event: Record<string, unknown> }[] };
    expect(feed.items[0]?._event).toMatchObject({ campaign: fds.slug, parentEventId: ids.eventCafe, previousEditionId: ids.eventCafe });
    const [header, row] = renderCsv([{ event, start, end: start }]).replace('\ufeff', '').split('\r\n');
    expect(header).toContain(',campaign,parent_event_id,previous_edition_id,');
    expect(row).toContain(`,${fds.slug},${ids.eventCafe},${ids.eventCafe},`);
  });
});
