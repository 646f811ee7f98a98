import { useI18n } from '../i18n';
import { useSession } from '../lib/session';
import { dateInZone, formatShortDate, formatTimeRange, zoneCity } from '../lib/time';

interface SessionTimesProps {
  startsAt: string;
  endsAt: string;
  /** The event's IANA time zone. */
  timeZone: string;
}

/**
 * Start and end in the visitor's zone (their profile's when signed in), with the event's own
 * clock beside it when the two differ
 * (e.g. "03:30–04:30 (your time, America/New York) · 09:30–10:30 Brussels time").
 */
export function SessionTimes({ startsAt, endsAt, timeZone }: SessionTimesProps) {
  const i18n = useI18n();
  const { t, intlLocale, locale } = i18n;
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const visitorZone = useSession().timeZone;

  const eventDate = dateInZone(start, timeZone);
  const localDate = dateInZone(start, visitorZone);
  const eventRange = formatTimeRange(start, end, intlLocale, timeZone);
  const localRange = formatTimeRange(start, end, intlLocale, visitorZone);
  const eventClock = t('session.zoneTime', { city: zoneCity(timeZone, locale) });

  if (eventRange === localRange && eventDate === localDate) {
    return (
      <p class="session-times">
        <time dateTime={startsAt}>{eventRange}</time> <span class="zone">{eventClock}</span>
      </p>
    );
  }

  const localText =
    localDate === eventDate
      ? localRange
      : `${formatShortDate(localDate, intlLocale)}, ${localRange}`;
  return (
    <p class="session-times">
      <span class="time-local">
        <time dateTime={startsAt}>{localText}</time>{' '}
        <span class="zone">
          ({t('session.yourTime', { zone: visitorZone.replace(/_/g, ' ') })})
        </span>
      </span>{' '}
      <span class="time-event">
        <span aria-hidden="true">· </span>
        {eventRange} {eventClock}
      </span>
    </p>
  );
}
