/**
 * A one-time message carried across a navigation ("Draft saved." shown by the page the
 * form moves to): set before router.go, read and cleared by the next page.
 */
import { signal } from '@preact/signals';

const pending = signal<string | undefined>(undefined);

export function setFlash(message: string): void {
  pending.value = message;
}

export function takeFlash(): string | undefined {
  const message = pending.value;
  pending.value = undefined;
  return message;
}
