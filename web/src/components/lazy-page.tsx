/**
 * A page whose code is fetched when first shown: the portal's pages (discover, accounts,
 * contribute, console) stay out of the national site's first download, and a reader of a
 * hub's portal fetches the console's code only if they open it.
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';

/** A lazy page that can be loaded ahead: before a server render, and before the browser hydrates that render. */
export type LazyPage<Props extends object> = FunctionComponent<Props> & { preload(): Promise<void> };

export function lazyPage<Props extends object>(load: () => Promise<ComponentType<Props>>): LazyPage<Props> {
  let loaded: ComponentType<Props> | undefined;
  let failed: unknown;
  let pending: Promise<void> | undefined;
  const start = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        failed = error;
        // A later visit tries again (a deploy may have replaced the chunk meanwhile).
        pending = undefined;
      },
    );
    return pending;
  };
  const LazyPage = function LazyPage(props: Props) {
    const [, setSettled] = useState(0);
    useEffect(() => {
      if (loaded !== undefined) return undefined;
      let live = true;
      void start().then(() => {
        if (live) setSettled((count) => count + 1);
      });
      return () => {
        live = false;
      };
    }, []);
    if (loaded !== undefined) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    if (failed !== undefined && pending === undefined) {
      return (
        <p role="alert">
          {t('loadError', { message: failed instanceof Error ? failed.message : String(failed) })}
        </p>
      );
    }
    return <p role="status">{t('loading')}</p>;
  };
  return Object.assign(LazyPage, { preload: () => (loaded === undefined ? start() : Promise.resolve()) });
}
