import type { Locale } from '@constellation/shared';

/** TEMPORARY placeholder written by the lead so the shell compiles; its owner replaces it. */
export function ContributePage(props: { params: Record<string, string> } & { locale: Locale }) {
  void props;
  return <h1 class="page-title">ContributePage</h1>;
}
