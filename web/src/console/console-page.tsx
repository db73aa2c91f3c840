import type { Locale } from '@constellation/shared';
import type { SiteConfig } from '../api/types.ts';
import type { ConsoleTab } from '../state/url-state.ts';
/** TEMPORARY placeholder written by the lead so the shell compiles; its owner replaces it. */
export function ConsolePage(props: { config: SiteConfig; tab: ConsoleTab; params: Record<string, string> } & { locale: Locale }) {
  void props;
  return <h1 class="page-title">ConsolePage</h1>;
}
