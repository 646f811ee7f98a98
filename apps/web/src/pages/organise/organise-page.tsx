import type { EventSummary } from '@app/contracts';
import { useState } from 'preact/hooks';
import { OrganiserOnly } from '../../components/organiser-only';
import { InlineError, InlineLoading } from '../../components/status';
import { useI18n } from '../../i18n';
import type { MeView } from '../../lib/api';
import { api } from '../../lib/api';
import { organises, useSession } from '../../lib/session';
import { formatDateRange } from '../../lib/time';
import { useApi } from '../../lib/use-api';
import { usePageTitle } from '../../lib/use-page-title';
import { NewEventForm } from './event-settings';
import { editorHref } from './event-editor-page';

function EventRow({ event }: { event: EventSummary }) {
  const { t, intlLocale } = useI18n();
  const base = editorHref(event.slug);
  return (
    <li class="structure-item organise-event">
      <div class="structure-summary">
        <p class="structure-name">
          <a href={base}>{event.title}</a>
        </p>
        <p class="structure-meta">
          {t(`kind.${event.kind}`)} · {formatDateRange(event.startDate, event.endDate, intlLocale)}
        </p>
      </div>
      <ul class="link-row" role="list">
        <li>
          <a href={`${base}/publish`}>
            {t('publish.title')}
            <span class="visually-hidden"> · {event.title}</span>
          </a>
        </li>
        <li>
          <a href={`${base}/invitations`}>
            {t('invitations.title')}
            <span class="visually-hidden"> · {event.title}</span>
          </a>
        </li>
      </ul>
    </li>
  );
}

function Organise({ me }: { me: MeView }) {
  const { t } = useI18n();
  const { isProgrammeOrganiser } = useSession();
  usePageTitle(t('organise.title'));
  const events = useApi('events', (signal) => api.events(signal));
  const [creating, setCreating] = useState(false);
  const mine = (events.data ?? [])
    .filter((event) => organises(me, event.slug))
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    <div class="organise-page">
      <div class="page-intro">
        <h1>{t('organise.title')}</h1>
        <p class="lead">{t('organise.intro')}</p>
        <p>
          <a class="arrow-link" href="/organise/speakers">
            {t('speakers.title')}
          </a>
        </p>
      </div>
      <section class="editor-section" aria-labelledby="organise-events-heading">
        <h2 id="organise-events-heading">{t('organise.events')}</h2>
        {events.status === 'error' && !events.data ? (
          <InlineError onRetry={events.retry} />
        ) : !events.data ? (
          <InlineLoading />
        ) : mine.length === 0 ? (
          <p class="empty">{t('organise.noEvents')}</p>
        ) : (
          <ul class="structure-list" role="list">
            {mine.map((event) => (
              <EventRow key={event.id} event={event} />
            ))}
          </ul>
        )}
      </section>
      {isProgrammeOrganiser && (
        <section class="editor-section" aria-labelledby="new-event-heading">
          <h2 id="new-event-heading">{t('organise.newEvent')}</h2>
          {creating ? (
            <NewEventForm />
          ) : (
            <p>
              <button type="button" class="button button-quiet" onClick={() => setCreating(true)}>
                {t('organise.newEventStart')}
              </button>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

export function OrganisePage() {
  return <OrganiserOnly>{(me) => <Organise me={me} />}</OrganiserOnly>;
}
