/**
 * A console action run from a button: while it runs its key is busy (that button is
 * disabled), its outcome is announced, and a failure is also kept to be shown in place.
 */
import '../i18n/strings-console.ts';
import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';

export interface ConsoleAction {
  /** The key of the action under way, if any. */
  busy: string | undefined;
  /** The last action's failure, said in the console's words. */
  error: string | undefined;
  /** Runs `work`, which returns what to announce. */
  act(key: string, work: () => Promise<string>): Promise<void>;
}

const failureText = (failure: unknown) => (failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure));

export function useConsoleAction(locale: Locale, announce: (message: string) => void): ConsoleAction {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  async function act(key: string, work: () => Promise<string>): Promise<void> {
    setBusy(key);
    setError(undefined);
    try {
      announce(await work());
    } catch (failure) {
      const message = t('consoleActionFailed', { message: failureText(failure) }, locale);
      setError(message);
      announce(message);
    } finally {
      setBusy(undefined);
    }
  }

  return { busy, error, act };
}
