/** Date and time formatting with Intl; every function takes the Intl locale and an IANA zone. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(cacheKey);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(cacheKey, cached);
  }
  return cached;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `YYYY-MM-DD` of an instant as seen in `timeZone`. */
export function dateInZone(instant: Date | number, timeZone: string): string {
  const parts = formatter('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Local calendar dates (`YYYY-MM-DD`) are formatted at noon UTC so no zone can shift the day. */
function calendarDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export function formatTime(instant: Date, locale: string, timeZone: string): string {
  return formatter(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

export function formatTimeRange(start: Date, end: Date, locale: string, timeZone: string): string {
  return `${formatTime(start, locale, timeZone)}\u2013${formatTime(end, locale, timeZone)}`;
}

/** "Tue 29 Sep": a compact date for tabs and times that fall on another day. */
export function formatShortDate(date: string, locale: string): string {
  return formatter(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(calendarDate(date));
}

/** "Tuesday 29 September 2020". */
export function formatLongDate(date: string, locale: string): string {
  return formatter(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(calendarDate(date));
}

/** "28 September – 2 October 2020", or a single date when both ends are the same day. */
export function formatDateRange(startDate: string, endDate: string, locale: string): string {
  const fmt = formatter(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  if (startDate === endDate) return fmt.format(calendarDate(startDate));
  return fmt.formatRange(calendarDate(startDate), calendarDate(endDate));
}

/**
 * A readable place name for an IANA zone ("Europe/Brussels" -> "Brussels"); known ICC venues get
 * their usual name in each language.
 */
const ZONE_CITY_NAMES: Record<string, Partial<Record<string, string>>> = {
  'Europe/Brussels': { fr: 'Bruxelles', de: 'Brüssel' },
  'Europe/Lisbon': { fr: 'Lisbonne', de: 'Lissabon' },
  'Europe/Rome': { de: 'Rom' },
  'Europe/Warsaw': { fr: 'Varsovie', de: 'Warschau' },
  'Europe/Athens': { fr: 'Athènes', de: 'Athen' },
  'Europe/Vienna': { fr: 'Vienne', de: 'Wien' },
  'Europe/Copenhagen': { fr: 'Copenhague', de: 'Kopenhagen' },
  'Europe/Prague': { de: 'Prag' },
};

export function zoneCity(timeZone: string, language: string): string {
  const translated = ZONE_CITY_NAMES[timeZone]?.[language];
  if (translated) return translated;
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

export function isLive(startsAt: string, endsAt: string, now: number): boolean {
  return Date.parse(startsAt) <= now && now < Date.parse(endsAt);
}

/** Where a session is in its time: before it, during it or after it. */
export type SessionPhase = 'upcoming' | 'live' | 'ended';

export function sessionPhase(startsAt: string, endsAt: string, now: number): SessionPhase {
  if (now < Date.parse(startsAt)) return 'upcoming';
  return now < Date.parse(endsAt) ? 'live' : 'ended';
}

/** "12 Nov 2026, 14:03" in `timeZone`: for moments such as a token's creation or a consent. */
export function formatDateTime(instant: string | Date, locale: string, timeZone: string): string {
  return formatter(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

let zoneList: string[] | undefined;

/** Every IANA zone the browser knows (plus UTC), for the time zone select. */
export function supportedTimeZones(): string[] {
  if (!zoneList) {
    let zones: string[];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    zoneList = [...new Set([...zones, 'UTC', browserTimeZone()])].sort((a, b) =>
      a.localeCompare(b),
    );
  }
  return zoneList;
}

/** "UTC+01:00" for the zone's offset at `instant`. */
export function zoneOffset(timeZone: string, instant: Date): string {
  try {
    const name =
      formatter('en-US', { timeZone, timeZoneName: 'longOffset' })
        .formatToParts(instant)
        .find((part) => part.type === 'timeZoneName')?.value ?? '';
    const offset = name.replace(/^GMT/, '').replace('-', '\u2212');
    return offset ? `UTC${offset}` : 'UTC';
  } catch {
    return '';
  }
}

function zoneParts(instant: number, timeZone: string): Record<string, number> {
  const parts = formatter('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const values: Record<string, number> = {};
  for (const part of parts) if (part.type !== 'literal') values[part.type] = Number(part.value);
  return values;
}

/** How far the wall clock of `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = zoneParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The wall clock of `timeZone` at an instant, as form inputs hold it (`YYYY-MM-DD`, `HH:mm`). */
export function wallClock(
  instant: string | Date,
  timeZone: string,
): { date: string; time: string } {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const p = zoneParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${p.year}-${two(p.month)}-${two(p.day)}`,
    time: `${two(p.hour)}:${two(p.minute)}`,
  };
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` `time`. Two passes settle the
 * offset on either side of a daylight-saving change; a time the clocks skip lands an hour later.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}
