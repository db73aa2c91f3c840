/**
 * The page's address while rendering: the browser's own, or, on the server, the one the
 * request asked for (set just before a synchronous render, so concurrent requests never
 * see each other's).
 */
let serverHref: string | undefined;

export function setServerHref(href: string | undefined): void {
  serverHref = href;
}

export function pageHref(): string {
  return typeof window === 'undefined' ? (serverHref ?? 'http://localhost/') : window.location.href;
}

export function pageOrigin(): string {
  return new URL(pageHref()).origin;
}
