import type { Locale } from '@app/contracts';
import { LOCALES } from '@app/contracts';
import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { api, onUnauthorized, setCsrfToken } from './api';
import type { MeView } from './api';
import { browserTimeZone } from './time';

export interface Session {
  /** The signed-in person; null when anonymous; undefined until GET /api/me has answered. */
  me: MeView | null | undefined;
  /** The zone times are shown in: the profile's when signed in, otherwise the browser's. */
  timeZone: string;
  timeZoneSource: 'profile' | 'browser';
  isProgrammeOrganiser: boolean;
  /** Organises at least one event (or the whole programme). */
  isOrganiser: boolean;
  /** Asks GET /api/me again (after signing in) and returns who is signed in. */
  refresh: () => Promise<MeView | null>;
  /** Takes a profile the api has just returned (PATCH /api/me). */
  update: (me: MeView) => void;
  /** Forgets the person and the CSRF token (after signing out or erasing the account). */
  forget: () => void;
  /** Changes the language of the page, and of the profile when signed in. */
  chooseLocale: (locale: Locale) => void;
}

/** Programme organisers organise every event; others only the events their roles name. */
export function organises(me: MeView | null | undefined, eventSlug: string): boolean {
  return Boolean(
    me?.roles.some(
      (role) =>
        role.role === 'organiser' && (role.eventSlug === null || role.eventSlug === eventSlug),
    ),
  );
}

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** A zone the browser knows; a stored zone it cannot format falls back to the browser's own. */
function usableZone(zone: string | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

const SessionContext = createContext<Session>({
  me: null,
  timeZone: 'UTC',
  timeZoneSource: 'browser',
  isProgrammeOrganiser: false,
  isOrganiser: false,
  refresh: () => Promise.resolve(null),
  update: () => undefined,
  forget: () => undefined,
  chooseLocale: () => undefined,
});

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const { locale, setLocale } = useI18n();
  const [me, setMe] = useState<MeView | null | undefined>(undefined);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  /** The account's language is the person's choice: it wins over the browser's once known. */
  const adopt = useCallback(
    (next: MeView) => {
      setMe(next);
      if (isLocale(next.locale) && next.locale !== localeRef.current) setLocale(next.locale);
    },
    [setLocale],
  );

  // Only the latest GET /api/me counts: the one made at start must not undo a later sign-in.
  const generation = useRef(0);
  const refresh = useCallback(async (): Promise<MeView | null> => {
    const mine = ++generation.current;
    try {
      const { csrfToken, ...view } = await api.me();
      if (mine !== generation.current) return view;
      setCsrfToken(csrfToken);
      adopt(view);
      return view;
    } catch {
      // 401 is the normal answer for a visitor. Any other failure also leaves the page usable as
      // for a visitor rather than blocking it; the header offers "Sign in".
      if (mine !== generation.current) return null;
      setCsrfToken(null);
      setMe(null);
      return null;
    }
  }, [adopt]);

  const forget = useCallback(() => {
    generation.current += 1;
    setCsrfToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    void refresh();
    // A session that ends while the page is open (expired, signed out elsewhere, erased) shows
    // as soon as the api answers 401: pages for signed-in people then offer to sign in again.
    return onUnauthorized(forget);
  }, [refresh, forget]);

  const chosenLocale = useRef<Locale | null>(null);
  const chooseLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      chosenLocale.current = next;
      if (me && me.locale !== next) {
        setMe({ ...me, locale: next });
        // Best effort: the page has switched already; the profile follows for mails and reloads.
        api.updateMe({ locale: next }).then(
          (updated) => {
            if (chosenLocale.current === next) setMe(updated);
          },
          () => undefined,
        );
      }
    },
    [me, setLocale],
  );

  const value = useMemo<Session>(() => {
    const profileZone = usableZone(me?.timeZone);
    return {
      me,
      timeZone: profileZone ?? browserTimeZone(),
      timeZoneSource: profileZone ? 'profile' : 'browser',
      isProgrammeOrganiser: Boolean(
        me?.roles.some((role) => role.role === 'organiser' && role.eventSlug === null),
      ),
      isOrganiser: Boolean(me?.roles.some((role) => role.role === 'organiser')),
      refresh,
      update: adopt,
      forget,
      chooseLocale,
    };
  }, [me, refresh, adopt, forget, chooseLocale]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
