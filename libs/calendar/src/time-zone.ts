import { DateTime, IANAZone } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { CalendarInputError } from './calendar-input.error.js';
import { type Observance, offsetAt, parseVtimezone, readingsOf } from './vtimezone.js';

export interface ResolvedZone {
  /** The IANA name the caller gave. */
  name: string;
  /** The VTIMEZONE as content lines; empty when times of this zone are always written in UTC. */
  vtimezone: readonly string[];
  /** TZID of the VTIMEZONE (links are resolved: UTC becomes Etc/UTC); null without one. */
  tzid: string | null;
  observances: readonly Observance[];
  iana: IANAZone;
}

let tzlibZones: ReadonlySet<string> | undefined;
const resolved = new Map<string, ResolvedZone>();

function tzlibBlock(name: string): { tzid: string; lines: string[] } | null {
  // tzlib writes to console.error for names it does not know, so it is only asked about its own.
  tzlibZones ??= new Set(tzlib_get_timezones(false));
  if (!tzlibZones.has(name)) return null;
  const block = tzlib_get_ical_block(name, false);
  if (!Array.isArray(block) || block.length !== 2 || !block[1].startsWith('TZID=')) return null;
  return {
    tzid: block[1].slice('TZID='.length),
    lines: block[0].split(/\r?\n/).filter((line) => line !== ''),
  };
}

/**
 * The zone as far as the two data sets know it: the platform's (ICU, through luxon) must know it;
 * without usable timezones-ical-library data its times are all written in UTC.
 */
export function resolveZone(name: string): ResolvedZone {
  const cached = resolved.get(name);
  if (cached) return cached;
  if (!IANAZone.isValidZone(name)) {
    throw new CalendarInputError('timeZone', 'not a known IANA time zone');
  }
  const block = tzlibBlock(name);
  const observances = block && parseVtimezone(block.lines);
  const zone: ResolvedZone =
    block && observances
      ? { name, vtimezone: block.lines, tzid: block.tzid, observances, iana: IANAZone.create(name) }
      : { name, vtimezone: [], tzid: null, observances: [], iana: IANAZone.create(name) };
  resolved.set(name, zone);
  return zone;
}

/**
 * The instant as local time in the zone, a luxon DateTime in the VTIMEZONE's TZID (ical-generator
 * formats a luxon DateTime in the event's zone, a Date in the server's), so clients show the session
 * in its own zone. Null whenever the local time might not bring a client back to the same instant,
 * and the time must be written in UTC:
 * - the zone has no usable VTIMEZONE;
 * - the VTIMEZONE data disagree with the platform's zone data (rules changed since one was built);
 * - the local time falls in the hour repeated when clocks go back: RFC 5545 (section 3.3.5) says it
 *   means the first run, ical.js reads the second, so neither run can be written as local time.
 * Milliseconds are dropped, as DATE-TIME has none.
 */
export function localTime(instant: Date, zone: ResolvedZone): DateTime | null {
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  const offset = offsetAt(zone.observances, seconds);
  if (zone.tzid === null || offset === null || offset !== zone.iana.offset(seconds)) return null;
  const readings = readingsOf(zone.observances, seconds + offset * 60_000);
  if (readings.length !== 1 || readings[0] !== seconds) return null;
  // The TZID is what ical-generator formats the time in; it must give the same offset.
  const local = DateTime.fromMillis(seconds, { zone: zone.tzid });
  return local.isValid && local.offset === offset ? local : null;
}
