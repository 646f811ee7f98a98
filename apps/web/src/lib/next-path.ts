/**
 * Where to go after signing in: a page that asked for it stores its path before the sign-in mail
 * is requested; the verify page goes there, or to the account page.
 */
const NEXT_KEY = 'icc-hub.next';
export const DEFAULT_AFTER_SIGN_IN = '/me';

/** Only paths of this site, outside the api and the sign-in pages themselves. */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return null;
  }
  try {
    const url = new URL(value, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    if (/^\/(api|health|sign-in)(\/|$)/.test(url.pathname)) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

export function rememberNextPath(value: string | null): void {
  try {
    const path = safeNextPath(value);
    if (path) window.sessionStorage.setItem(NEXT_KEY, path);
    else window.sessionStorage.removeItem(NEXT_KEY);
  } catch {
    // Storage can be disabled; the account page is then where signing in ends.
  }
}

export function takeNextPath(): string {
  try {
    const stored = window.sessionStorage.getItem(NEXT_KEY);
    window.sessionStorage.removeItem(NEXT_KEY);
    return safeNextPath(stored) ?? DEFAULT_AFTER_SIGN_IN;
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
}

/** The sign-in page, asked to come back to `path` afterwards. */
export function signInHref(path: string): string {
  const next = safeNextPath(path);
  return next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}
