import type { Locale } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import type { SiteConfig } from '../api/types.ts';
/** TEMPORARY placeholder written by the lead so the shell compiles; its owner replaces it. */
export function HomePage(props: { api: ApiClient; config: SiteConfig } & { locale: Locale }) {
  void props;
  return <h1 class="page-title">HomePage</h1>;
}
