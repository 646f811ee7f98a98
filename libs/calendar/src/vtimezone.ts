/**
 * Reads the VTIMEZONE blocks of timezones-ical-library the way a calendar client does, so that a
 * local time is only written when the client will turn it back into the intended instant. The
 * library writes one of two shapes: a single fixed STANDARD observance, or observances that recur
 * with `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nDD`. Anything else is reported as unreadable.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

interface YearlyRule {
  month: number;
  /** 1..5 from the start of the month, -1..-5 from its end. */
  week: number;
  /** 0 = Sunday. */
  weekday: number;
}

export interface Observance {
  /** Offsets in minutes east of UTC. */
  offsetFrom: number;
  offsetTo: number;
  start: WallClock;
  rule: YearlyRule | null;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const MINUTE = 60_000;

function parseOffset(text: string): number | null {
  const match = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(text);
  if (!match || match[4] !== undefined) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function parseWallClock(text: string): WallClock | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  return { year, month, day, hour, minute, second };
}

function parseRule(text: string): YearlyRule | null {
  const match = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=([+-]?)([1-5])(SU|MO|TU|WE|TH|FR|SA)$/.exec(
    text,
  );
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  const week = match[2] === '-' ? -Number(match[3]) : Number(match[3]);
  return { month, week, weekday: WEEKDAYS.indexOf(match[4]) };
}

/** The observances of a VTIMEZONE block, or null when it has a shape this reader does not know. */
export function parseVtimezone(lines: readonly string[]): Observance[] | null {
  const observances: Observance[] = [];
  let current: Partial<Record<'from' | 'to' | 'start' | 'rule', string>> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') {
      current = {};
    } else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      if (!current) return null;
      const offsetFrom = parseOffset(current.from ?? '');
      const offsetTo = parseOffset(current.to ?? '');
      const start = parseWallClock(current.start ?? '');
      const rule = current.rule === undefined ? null : parseRule(current.rule);
      if (offsetFrom === null || offsetTo === null || !start) return null;
      if (current.rule !== undefined && !rule) return null;
      observances.push({ offsetFrom, offsetTo, start, rule });
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      const value = line.slice(colon + 1);
      if (name === 'TZOFFSETFROM') current.from = value;
      else if (name === 'TZOFFSETTO') current.to = value;
      else if (name === 'DTSTART') current.start = value;
      else if (name === 'RRULE') current.rule = value;
      else if (name !== 'TZNAME') return null;
    }
  }
  return observances.length > 0 && current === null ? observances : null;
}

/** Day of the month of the rule in `year`, or null when that month has no such weekday. */
function ruleDay(rule: YearlyRule, year: number): number | null {
  const daysInMonth = new Date(Date.UTC(year, rule.month, 0)).getUTCDate();
  let day: number;
  if (rule.week > 0) {
    const firstWeekday = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
    day = 1 + ((rule.weekday - firstWeekday + 7) % 7) + (rule.week - 1) * 7;
  } else {
    const lastWeekday = new Date(Date.UTC(year, rule.month - 1, daysInMonth)).getUTCDay();
    day = daysInMonth - ((lastWeekday - rule.weekday + 7) % 7) + (rule.week + 1) * 7;
  }
  return day >= 1 && day <= daysInMonth ? day : null;
}

function wallClockMs(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** The instant at which an observance begins in `year` (its DTSTART is local time before it). */
function onsetIn(observance: Observance, year: number): number | null {
  const { start, rule } = observance;
  const startMs = wallClockMs(start) - observance.offsetFrom * MINUTE;
  if (!rule) return year === start.year ? startMs : null;
  const day = ruleDay(rule, year);
  if (day === null) return null;
  const onset =
    wallClockMs({ ...start, year, month: rule.month, day }) - observance.offsetFrom * MINUTE;
  return onset >= startMs ? onset : null;
}

/** The offset (minutes) the observances give for an instant, or null before the first onset. */
export function offsetAt(observances: readonly Observance[], instant: number): number | null {
  const year = new Date(instant).getUTCFullYear();
  let latest = -Infinity;
  let offset: number | null = null;
  for (const observance of observances) {
    const years = observance.rule ? [year - 1, year] : [observance.start.year];
    for (const candidateYear of years) {
      const onset = onsetIn(observance, candidateYear);
      if (onset !== null && onset <= instant && onset > latest) {
        latest = onset;
        offset = observance.offsetTo;
      }
    }
  }
  return offset;
}

/**
 * Every instant a local time (given as its milliseconds on a UTC clock face) can mean: one as a
 * rule, two in the hour repeated when clocks go back, none in the hour skipped when they go forward.
 */
export function readingsOf(observances: readonly Observance[], wallClock: number): number[] {
  return [...new Set(observances.map((observance) => observance.offsetTo))]
    .map((offset) => ({ offset, instant: wallClock - offset * MINUTE }))
    .filter(({ offset, instant }) => offsetAt(observances, instant) === offset)
    .map(({ instant }) => instant)
    .sort((a, b) => a - b);
}
