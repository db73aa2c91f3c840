/**
 * Where the login page sends a reader afterwards. `next` comes from the address bar, so
 * anyone can craft it: only a path of this site is followed ("/contribute?x=1"), never
 * another origin ("//evil.example", "https://…", "/\\evil.example", "javascript:…").
 */
import type { Role } from '@constellation/shared';

export function safeNextPath(next: string | undefined): string | undefined {
  if (next === undefined || next === '' || next.length > 500) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  // Browsers strip tabs and newlines from URLs and read "\" as "/": "/\t/evil" is "//evil".
  if ([...next].some((char) => char < ' ' || char === '\u007f' || char === '\\')) return undefined;
  try {
    const resolved = new URL(next, 'https://this.invalid');
    if (resolved.origin !== 'https://this.invalid') return undefined;
  } catch {
    return undefined;
  }
  // Back to the login page would be a loop.
  return next === '/login' || next.startsWith('/login?') ? undefined : next;
}

/** `next` when it is safe, else where the work is: the moderation queue for moderators, the contribute dashboard for those who can post, the account page for others. */
export function pathAfterLogin(next: string | undefined, role: Role): string {
  return safeNextPath(next) ?? (role === 'member' ? '/account' : role === 'moderator' || role === 'admin' ? '/moderation' : '/contribute');
}
