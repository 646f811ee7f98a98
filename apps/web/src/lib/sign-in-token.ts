/**
 * The sign-in link carries its token in the fragment (`/sign-in/verify#token=…`), which browsers
 * never send to a server. It is read once, kept in memory only, and wiped from the address bar at
 * once so that it does not stay in the history, in bookmarks or on a shared screen.
 */
export const VERIFY_PATH = '/sign-in/verify';

let pending: string | null = null;

export function captureSignInToken(): void {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path !== VERIFY_PATH || !window.location.hash) return;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}`,
  );
  if (token) pending = token;
}

/** The captured token, handed out once. */
export function takeSignInToken(): string | null {
  const token = pending;
  pending = null;
  return token;
}
