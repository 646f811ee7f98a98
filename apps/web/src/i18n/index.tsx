import type { Locale } from '@app/contracts';
import { LOCALES } from '@app/contracts';
import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { de } from './de';
import { en } from './en';
import type { MessageKey, Messages } from './en';
import { fr } from './fr';

export type { MessageKey } from './en';

const catalogues: Record<Locale, Messages> = { en, fr, de };

/** Names shown in the language switcher, each in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

/** Locales handed to Intl: British English keeps day-month order and the 24-hour clock. */
const INTL_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE' };

export const LOCALE_STORAGE_KEY = 'icc-hub.locale';

type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;
type Params = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  /** The BCP 47 tag to give Intl formatters. */
  intlLocale: string;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Picks `<key>.one` or `<key>.other` for `n` and fills `{n}`. */
  plural: (key: PluralKey, n: number, params?: Params) => string;
}

function isLocale(value: string | null | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? '');
}

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage can be disabled (private mode, policies); the choice then lasts for this page only.
  }
}

export function detectLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

function createI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const messages = catalogues[locale];
  const intlLocale = INTL_LOCALES[locale];
  const pluralRules = new Intl.PluralRules(intlLocale);
  const t = (key: MessageKey, params?: Params): string => fill(messages[key], params);
  return {
    locale,
    intlLocale,
    setLocale,
    t,
    plural: (key, n, params) => {
      const form = pluralRules.select(n) === 'one' ? 'one' : 'other';
      const formatted = new Intl.NumberFormat(intlLocale).format(n);
      return t(`${key}.${form}`, { ...params, n: formatted });
    },
  };
}

const I18nContext = createContext<I18n>(createI18n('en', () => undefined));

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(detectLocale);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => createI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
