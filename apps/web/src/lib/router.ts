import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
  /** Changes on every navigation, including to the same address. */
  key: number;
  /** How we got here: first load, a link or script (push/replace), or the back/forward buttons. */
  cause: 'load' | 'push' | 'replace' | 'pop';
}

let current: Location = readLocation('load', 0);
const listeners = new Set<(location: Location) => void>();

function readLocation(cause: Location['cause'], key: number): Location {
  return {
    path: window.location.pathname,
    query: new URLSearchParams(window.location.search),
    key,
    cause,
  };
}

function publish(cause: Location['cause']): void {
  current = readLocation(cause, current.key + 1);
  for (const listener of listeners) listener(current);
}

/** The address as the app last saw it (outside components, e.g. to tag a message to a page). */
export function currentLocation(): Location {
  return current;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, '', to);
    publish('replace');
  } else {
    window.history.pushState(null, '', to);
    publish('push');
  }
}

/** Rewrites the query string of the current address without adding a history entry. */
export function replaceQuery(changes: Record<string, string | null>): void {
  const query = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') query.delete(name);
    else query.set(name, value);
  }
  const search = query.toString();
  navigate(`${window.location.pathname}${search ? `?${search}` : ''}`, { replace: true });
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    listeners.add(setLocation);
    setLocation(current);
    return () => {
      listeners.delete(setLocation);
    };
  }, []);
  return location;
}

function onPopState(): void {
  publish('pop');
}

/** Turns clicks on same-origin links into History API navigations. */
function onDocumentClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target instanceof Element ? event.target.closest('a') : null;
  if (!target || target.hasAttribute('download')) return;
  if (target.target && target.target !== '_self') return;
  const url = new URL(target.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api')) return;
  const samePage =
    url.pathname === window.location.pathname && url.search === window.location.search;
  // In-page anchors (the skip link) keep the browser's own behaviour.
  if (samePage && url.hash) return;
  event.preventDefault();
  navigate(`${url.pathname}${url.search}${url.hash}`);
}

export function startRouter(): void {
  window.addEventListener('popstate', onPopState);
  document.addEventListener('click', onDocumentClick);
}
