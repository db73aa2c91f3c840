/**
 * Answers fetched before the first render: by the server for the page it renders, and,
 * in the browser, the same answers read back from that page (its `ssr-state` block), so
 * hydration renders exactly what the server did instead of "Loading…". Each answer is
 * used once: a later visit to the same item fetches it again.
 */
const answers = new Map<string, unknown>();

/** `entries`: useFetch outcomes (`Loaded` values) by key. */
export function setPreloaded(entries: Record<string, unknown>): void {
  answers.clear();
  for (const [key, value] of Object.entries(entries)) answers.set(key, value);
}

export function takePreloaded(key: string): unknown {
  const answer = answers.get(key);
  answers.delete(key);
  return answer;
}
