import type { EventDayView } from '@app/contracts';
import type { I18n } from '../i18n';

/** A language's name in the reader's language, starting with a capital ("Anglais", "Englisch"). */
export function languageName(code: string, i18n: I18n): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([i18n.intlLocale], { type: 'language' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name) return code.toUpperCase();
  return name.charAt(0).toLocaleUpperCase(i18n.intlLocale) + name.slice(1);
}

/**
 * Day titles may arrive as "Day 2: Integrating …" or just "Integrating …"; either way the heading is
 * rebuilt with the day number in the reader's language.
 */
export function dayHeading(day: EventDayView, i18n: I18n): string {
  const title = day.title.replace(/^\s*day\s*\d+\s*[:.\u2013\u2014-]\s*/i, '').trim();
  if (!title) return i18n.t('agenda.dayNumber', { n: day.dayNumber });
  return i18n.t('agenda.dayHeading', { n: day.dayNumber, title });
}

/** Only plain web addresses become links; anything else (javascript:, data:) is shown as nothing. */
export function safeHttpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Track colours come from the API; only hex colours are used in styles. */
export function safeColor(value: string | null | undefined): string | undefined {
  return value && /^#[0-9a-f]{3,8}$/i.test(value) ? value : undefined;
}
