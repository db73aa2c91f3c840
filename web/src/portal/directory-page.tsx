import type { Locale } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import type { SiteConfig } from '../api/types.ts';
import type { DirectoryType } from '../state/url-state.ts';
/** TEMPORARY placeholder written by the lead so the shell compiles; its owner replaces it. */
export function DirectoryPage(props: { api: ApiClient; config: SiteConfig; type: DirectoryType; params: Record<string, string> } & { locale: Locale }) {
  void props;
  return <h1 class="page-title">DirectoryPage</h1>;
}
