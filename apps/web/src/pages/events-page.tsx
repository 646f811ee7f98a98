import type { EventSummary } from '@app/contracts';
import type { ComponentChildren } from 'preact';
import { DemoBadge } from '../components/badges';
import { InlineLoading, LoadError } from '../components/status';
import { useI18n } from '../i18n';
import { api } from '../lib/api';
import { dateInZone, formatDateRange } from '../lib/time';
import { useApi } from '../lib/use-api';
import { useNow } from '../lib/use-now';
import { usePageTitle } from '../lib/use-page-title';

interface Classified {
  upcoming: EventSummary[];
  past: EventSummary[];
}

/** Upcoming and running events first, soonest first; then past events, most recent first. */
function classify(events: EventSummary[], now: number): Classified {
  const upcoming: EventSummary[] = [];
  const past: EventSummary[] = [];
  for (const event of events) {
    const today = dateInZone(now, event.timeZone);
    (event.endDate >= today ? upcoming : past).push(event);
  }
  upcoming.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title));
  past.sort((a, b) => b.startDate.localeCompare(a.startDate) || a.title.localeCompare(b.title));
  return { upcoming, past };
}

function EventCard({ event, now }: { event: EventSummary; now: number }) {
  const { t, intlLocale } = useI18n();
  const today = dateInZone(now, event.timeZone);
  const running = event.startDate <= today && today <= event.endDate;
  return (
    <li class="card event-card">
      <p class="card-eyebrow">
        <span class={`kind kind-${event.kind}`}>{t(`kind.${event.kind}`)}</span>
        {running && <span class="badge badge-live">{t('events.happeningNow')}</span>}
        {event.isDemo && <DemoBadge />}
      </p>
      <h3 class="card-title">
        <a href={`/events/${encodeURIComponent(event.slug)}`} class="stretched-link">
          {event.title}
        </a>
      </h3>
      <p class="event-meta">
        <span>{formatDateRange(event.startDate, event.endDate, intlLocale)}</span>
        <span aria-hidden="true"> · </span>
        <span>{event.venue ?? t('events.online')}</span>
      </p>
      {event.summary && <p class="card-summary">{event.summary}</p>}
    </li>
  );
}

function EventSection({
  id,
  title,
  events,
  empty,
  now,
}: {
  id: string;
  title: string;
  events: EventSummary[];
  empty: string;
  now: number;
}) {
  return (
    <section class="event-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {events.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ul class="card-grid" role="list">
          {events.map((event) => (
            <EventCard key={event.id} event={event} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function EventsPage() {
  const { t } = useI18n();
  const now = useNow(60_000);
  const events = useApi('events', (signal) => api.events(signal));
  usePageTitle(t('events.title'));

  let body: ComponentChildren;
  if (events.status === 'error' && !events.data) {
    return <LoadError error={events.error} onRetry={events.retry} />;
  }
  if (!events.data) {
    body = <InlineLoading />;
  } else if (events.data.length === 0) {
    body = <p class="empty">{t('events.none')}</p>;
  } else {
    const { upcoming, past } = classify(events.data, now);
    body = (
      <>
        <EventSection
          id="upcoming-events"
          title={t('events.upcoming')}
          events={upcoming}
          empty={t('events.noneUpcoming')}
          now={now}
        />
        {past.length > 0 && (
          <EventSection
            id="past-events"
            title={t('events.past')}
            events={past}
            empty=""
            now={now}
          />
        )}
      </>
    );
  }

  return (
    <>
      <div class="page-intro">
        <h1>{t('events.title')}</h1>
        <p class="lead">{t('events.intro')}</p>
      </div>
      {body}
    </>
  );
}
