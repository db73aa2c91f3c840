import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';

/** The latest live message, shown discreetly and read out politely by screen readers. */
export const liveMessage = signal<{ text: string; at: number } | undefined>(undefined);

let hideTimer: ReturnType<typeof setTimeout> | undefined;

const BURST_MS = 3000;
let burst = { count: 0, last: 0 };

/**
 * Shows a live change. Changes that come in a burst (a hub importing its agenda) are
 * counted in one message rather than read out one by one.
 */
export function announce(text: string, durationMs = 6000): void {
  const now = Date.now();
  burst = now - burst.last < BURST_MS ? { count: burst.count + 1, last: now } : { count: 1, last: now };
  liveMessage.value = { text: burst.count > 1 ? t('liveMany', { count: burst.count }) : text, at: now };
  if (hideTimer !== undefined) clearTimeout(hideTimer);
  hideTimer = setTimeout(() => (liveMessage.value = undefined), durationMs);
}

/** The space the notice takes at the bottom (or top) of the window, in pixels from that edge. */
function band(notice: HTMLElement): number {
  const style = getComputedStyle(notice);
  return notice.getBoundingClientRect().height + (Number.parseFloat(style.bottom) || Number.parseFloat(style.top) || 0);
}

/**
 * Whether the notice, at the window's bottom, would cover an item it announces (a list
 * marks those `.fresh`) while at the top it would not: on a phone the bottom notice
 * covers a card's lower half.
 */
function belongsOnTop(notice: HTMLElement): boolean {
  const height = band(notice);
  const fresh = [...document.querySelectorAll('.fresh')].map((element) => element.getBoundingClientRect()).filter((rect) => rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight);
  const underBottom = fresh.some((rect) => rect.bottom > window.innerHeight - height);
  const underTop = fresh.some((rect) => rect.top < height);
  return underBottom && !underTop;
}

export function LiveNotice() {
  const message = liveMessage.value;
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(false);
  // A notice never hides what it announces: it moves to the top of the window while its
  // item is under it at the bottom (checked when it appears, as the page scrolls or resizes).
  useEffect(() => {
    if (message === undefined) {
      setTop(false);
      return undefined;
    }
    let frame = 0;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (box.current !== null) setTop(belongsOnTop(box.current));
      });
    };
    place();
    // The list may draw the announced item a moment after the announcement.
    const late = setTimeout(place, 400);
    window.addEventListener('scroll', place, { passive: true, capture: true });
    window.addEventListener('resize', place);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(late);
      window.removeEventListener('scroll', place, { capture: true });
      window.removeEventListener('resize', place);
    };
  }, [message]);
  // The live region stays in the document so assistive technology notices its changes.
  return (
    <div class={`live-notice${top ? ' live-notice-top' : ''}`} role="status" aria-live="polite" aria-atomic="true" ref={box}>
      {message === undefined ? null : (
        <p class="live-notice-box">
          <span class="live-dot" aria-hidden="true" />
          {message.text}{' '}
          <button type="button" class="link-button" onClick={() => (liveMessage.value = undefined)}>
            {t('dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}
