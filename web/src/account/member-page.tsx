import type { Locale } from '@constellation/shared';

/** TEMPORARY placeholder written by the lead so the shell compiles; its owner replaces it. */
export function MemberPage(props: { id: string } & { locale: Locale }) {
  void props;
  return <h1 class="page-title">MemberPage</h1>;
}
