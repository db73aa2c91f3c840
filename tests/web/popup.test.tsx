// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildPopupContent } from '@constellation/web';
import { XSS } from './fixtures.tsx';

describe('map popups', () => {
  it('are built from text nodes: a title full of markup renders as that text', () => {
    (window as unknown as { __pwned?: number }).__pwned = undefined;
    const popup = buildPopupContent(
      { title: XSS, hub: 'grand-est', hubName: `${XSS} hub`, start: '2026-03-14T17:00:00Z', end: '2026-03-14T19:00:00Z', timeZone: 'Europe/Paris' },
      { locale: 'fr', href: '/events/grand-est/abc', sourceLabel: (hub) => `Source : ${hub}`, readerZone: 'Europe/Paris' },
    );
    document.body.append(popup);
    expect(popup.querySelector('img, script')).toBeNull();
    const link = popup.querySelector('a');
    expect(link?.textContent).toBe(XSS);
    expect(link?.getAttribute('href')).toBe('/events/grand-est/abc');
    expect(popup.textContent).toContain(`Source : ${XSS} hub`);
    expect(popup.textContent).toMatch(/18:00\s*–\s*20:00/);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    popup.remove();
  });

  it('names the source hub by its id when the API gives no name', () => {
    const popup = buildPopupContent({ title: 'Nuit des étoiles', hub: 'centre-val-de-loire' }, { locale: 'en', href: '/events/centre-val-de-loire/x', sourceLabel: (hub) => `Source: ${hub}` });
    expect(popup.querySelector('.map-popup-source')?.textContent).toBe('Source: centre-val-de-loire');
    expect(popup.querySelector('.map-popup-when')).toBeNull();
  });
});
