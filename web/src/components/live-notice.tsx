import { signal } from '@preact/signals';
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

export function LiveNotice() {
  const message = liveMessage.value;
  // The live region stays in the document so assistive technology notices its changes.
  return (
    <div class="live-notice" role="status" aria-live="polite" aria-atomic="true">
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
