import type { EventDayView, TrackView } from '@app/contracts';
import { useI18n } from '../i18n';
import { feeds, webcalUrl } from '../lib/api';
import { dayHeading } from '../lib/labels';

/**
 * Calendar files of an event for the agenda: the whole event, the day shown and the track chosen
 * (each a download), and the event's feed for calendar apps that subscribe and follow releases.
 */
export function CalendarLinks({
  slug,
  day,
  track,
}: {
  slug: string;
  day: EventDayView | undefined;
  track: TrackView | undefined;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section class="calendar-links" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading" class="small-heading">
        {t('calendar.title')}
      </h2>
      <ul class="link-row" role="list">
        <li>
          <a class="ics-link" href={feeds.event(slug)} download>
            {t('calendar.event')}
          </a>
        </li>
        {day && (
          <li>
            <a class="ics-link" href={feeds.day(slug, day.date)} download>
              {t('calendar.day', { day: dayHeading(day, i18n) })}
            </a>
          </li>
        )}
        {track && (
          <li>
            <a class="ics-link" href={feeds.track(slug, track.slug)} download>
              {t('calendar.track', { track: track.name })}
            </a>
          </li>
        )}
        <li>
          <a class="subscribe-link" href={webcalUrl(feeds.event(slug))}>
            {t('calendar.subscribe')}
          </a>
        </li>
      </ul>
      <p class="field-hint">{t('calendar.hint')}</p>
    </section>
  );
}
