import type { ListItem, NationalEvent } from '@constellation/web';

let serial = 0;

/** A national list item as the API serves it; only what a test names differs. */
export function listItem(start: string, end: string, overrides: Partial<NationalEvent> = {}): ListItem {
  serial += 1;
  const event: NationalEvent = {
    id: `0193a000-0000-7000-8000-${String(serial).padStart(12, '0')}`,
    hub: 'centre-val-de-loire',
    hubName: 'Centre-Sciences',
    slug: `event-${serial}`,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    url: `https://centre.example/events/event-${serial}`,
    actorId: '0193a000-0000-7000-8000-00000000aaaa',
    title: `Event ${serial}`,
    timeZone: 'Europe/Paris',
    timings: [{ start, end }],
    attendanceMode: 'in-person',
    place: { name: 'Muséum', commune: 'Orléans', lat: 47.9, lon: 1.9 },
    format: 'conference',
    eventStatus: 'scheduled',
    ...overrides,
  };
  return { event, occurrence: { start, end } };
}

/** Every text field of an event set to a payload that would run if parsed as HTML. */
export const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
