import type { Locale } from '@constellation/shared';
import type { SiteConfig } from '../api/types.ts';
import type { EditableType } from '../state/url-state.ts';
/** TEMPORARY placeholder written by the lead so the shell compiles; its owner replaces it. */
export function EditPage(props: { config: SiteConfig; type: EditableType; id?: string } & { locale: Locale }) {
  void props;
  return <h1 class="page-title">EditPage</h1>;
}
