/**
 * Links in mails carry their token in the fragment (`/sign-in/verify#token=…`,
 * `/invitations/respond#token=…`), which browsers never send to a server. The token is read once,
 * kept in memory only, and wiped from the address bar at once so that it does not stay in the
 * history, in bookmarks or on a shared screen.
 */
export const VERIFY_PATH = '/sign-in/verify';
export const INVITATION_PATH = '/invitations/respond';

const LINK_PATHS = [VERIFY_PATH, INVITATION_PATH] as const;
type LinkPath = (typeof LINK_PATHS)[number];

const pending = new Map<LinkPath, string>();

export function captureLinkToken(): void {
  const path = window.location.pathname.replace(/\/+$/, '');
  const linkPath = LINK_PATHS.find((candidate) => candidate === path);
  if (!linkPath || !window.location.hash) return;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}`,
  );
  if (token) pending.set(linkPath, token);
}

/** The token captured for `path`, handed out once. */
export function takeLinkToken(path: LinkPath): string | null {
  const token = pending.get(path) ?? null;
  pending.delete(path);
  return token;
}
