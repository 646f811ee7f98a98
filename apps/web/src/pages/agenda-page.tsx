import type {
  Audience,
  EventDayView,
  EventDetail,
  SessionLanguage,
  TrackView,
} from '@app/contracts';
import { AUDIENCES, SESSION_LANGUAGES } from '@app/contracts';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DemoBadge } from '../components/badges';
import { CalendarLinks } from '../components/calendar-links';
import type { Mine } from '../components/registration';
import { RegistrationControl } from '../components/registration';
import { SessionCard } from '../components/session-card';
import { InlineError, InlineLoading, LoadError, Loading, NotFound } from '../components/status';
import { useI18n } from '../i18n';
import { api, ApiError, registrationsApi } from '../lib/api';
import type { SessionFilters } from '../lib/api';
import { dayHeading, languageName, safeColor } from '../lib/labels';
import { replaceQuery } from '../lib/router';
import { organises, useSession } from '../lib/session';
import { dateInZone, formatDateRange, formatLongDate, formatShortDate } from '../lib/time';
import { useApi } from '../lib/use-api';
import { useNow } from '../lib/use-now';
import { usePageTitle } from '../lib/use-page-title';

function isAudience(value: string | null): value is Audience {
  return (AUDIENCES as readonly (string | null)[]).includes(value);
}

function isSessionLanguage(value: string | null): value is SessionLanguage {
  return (SESSION_LANGUAGES as readonly (string | null)[]).includes(value);
}

/** Today when the event is running, otherwise its first day. */
function defaultDay(days: EventDayView[], timeZone: string, now: number): EventDayView | undefined {
  const today = dateInZone(now, timeZone);
  return days.find((day) => day.date === today) ?? days[0];
}

function DayTabs({
  days,
  selected,
  onSelect,
}: {
  days: EventDayView[];
  selected: EventDayView;
  onSelect: (date: string) => void;
}) {
  const { t, intlLocale } = useI18n();
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const tablist = useRef<HTMLDivElement>(null);

  // On narrow screens the tab row scrolls sideways; keep the chosen day in sight without moving
  // the page itself (scrollIntoView would).
  useEffect(() => {
    const list = tablist.current;
    const tab = tabs.current.get(selected.date);
    if (!list || !tab) return;
    const left = tab.offsetLeft;
    if (left < list.scrollLeft || left + tab.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = left - (list.clientWidth - tab.offsetWidth) / 2;
    }
  }, [selected.date]);

  // Automatic activation: arrow keys move focus and show the day at once (the panel is cheap).
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = days.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    const day = days[target];
    tabs.current.get(day.date)?.focus();
    onSelect(day.date);
  };

  return (
    <div class="day-tabs" ref={tablist} role="tablist" aria-label={t('agenda.days')}>
      {days.map((day, index) => {
        const isSelected = day.date === selected.date;
        return (
          <button
            key={day.id}
            ref={(element) => {
              if (element) tabs.current.set(day.date, element);
              else tabs.current.delete(day.date);
            }}
            type="button"
            role="tab"
            id={`day-tab-${day.date}`}
            class="day-tab"
            aria-selected={isSelected}
            aria-controls="day-panel"
            tabIndex={isSelected ? 0 : -1}
            onClick={() => onSelect(day.date)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <span class="day-tab-number">{t('agenda.dayNumber', { n: day.dayNumber })}</span>{' '}
            <span class="day-tab-date">{formatShortDate(day.date, intlLocale)}</span>
          </button>
        );
      })}
    </div>
  );
}

function TrackChips({ tracks, selected }: { tracks: TrackView[]; selected: string }) {
  const { t } = useI18n();
  const options: { slug: string; name: string; color?: string }[] = [
    { slug: '', name: t('agenda.allTracks') },
    ...tracks.map((track) => ({ slug: track.slug, name: track.name, color: track.color })),
  ];
  return (
    <fieldset class="chips">
      <legend>{t('agenda.track')}</legend>
      <div class="chip-list">
        {options.map((option) => (
          <label key={option.slug || 'all'} class="chip">
            <input
              type="radio"
              name="track"
              value={option.slug}
              checked={option.slug === selected}
              onChange={() => replaceQuery({ track: option.slug })}
            />
            <span class="chip-face">
              {option.color !== undefined && (
                <span
                  class="track-dot"
                  aria-hidden="true"
                  style={{ backgroundColor: safeColor(option.color) }}
                />
              )}
              {option.name}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Filters({
  event,
  track,
  audience,
  language,
}: {
  event: EventDetail;
  track: string;
  audience: Audience | '';
  language: SessionLanguage | '';
}) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const activeCount = [track, audience, language].filter((value) => value !== '').length;
  // Open on wide screens and whenever a filter is set; folded on phones so the day tabs and the
  // sessions come first.
  const [open, setOpen] = useState(
    () => activeCount > 0 || window.matchMedia('(min-width: 40rem)').matches,
  );
  return (
    <details class="filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span class="filters-title">{t('agenda.filters')}</span>
        {activeCount > 0 && (
          <span class="filters-active">{plural('agenda.activeFilters', activeCount)}</span>
        )}
      </summary>
      {event.tracks.length > 0 && <TrackChips tracks={event.tracks} selected={track} />}
      <div class="filter-row">
        <div class="field">
          <label for="filter-audience">{t('agenda.audience')}</label>
          <select
            id="filter-audience"
            value={audience}
            onChange={(e) => replaceQuery({ audience: e.currentTarget.value })}
          >
            <option value="">{t('agenda.allAudiences')}</option>
            {AUDIENCES.map((value) => (
              <option key={value} value={value}>
                {t(`audience.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-language">{t('agenda.sessionLanguage')}</label>
          <select
            id="filter-language"
            value={language}
            onChange={(e) => replaceQuery({ language: e.currentTarget.value })}
          >
            <option value="">{t('agenda.allLanguages')}</option>
            {SESSION_LANGUAGES.map((value) => (
              <option key={value} value={value}>
                {languageName(value, i18n)}
              </option>
            ))}
          </select>
        </div>
        {activeCount > 0 && (
          <button
            type="button"
            class="button button-quiet"
            onClick={() => replaceQuery({ track: null, audience: null, language: null })}
          >
            {t('agenda.clearFilters')}
          </button>
        )}
      </div>
    </details>
  );
}

function Agenda({ event, query }: { event: EventDetail; query: URLSearchParams }) {
  const i18n = useI18n();
  const { t, intlLocale, plural } = i18n;
  const now = useNow();
  const { me } = useSession();
  usePageTitle(event.title);

  const days = useMemo(
    () => [...event.days].sort((a, b) => a.date.localeCompare(b.date)),
    [event.days],
  );
  const tracksById = useMemo(() => new Map(event.tracks.map((tr) => [tr.id, tr])), [event.tracks]);
  const streamsById = useMemo(
    () => new Map(event.streams.map((stream) => [stream.id, stream])),
    [event.streams],
  );

  const requestedDay = query.get('day');
  const selectedDay =
    days.find((day) => day.date === requestedDay) ?? defaultDay(days, event.timeZone, now);
  const track = event.tracks.find((tr) => tr.slug === query.get('track'))?.slug ?? '';
  const requestedAudience = query.get('audience');
  const audience = isAudience(requestedAudience) ? requestedAudience : '';
  const requestedLanguage = query.get('language');
  const language = isSessionLanguage(requestedLanguage) ? requestedLanguage : '';
  const filtersActive = track !== '' || audience !== '' || language !== '';

  const filters: SessionFilters = {
    day: selectedDay?.date,
    track: track || undefined,
    audience: audience || undefined,
    language: language || undefined,
  };
  const sessions = useApi(`${event.slug}|${JSON.stringify(filters)}`, (signal) =>
    api.sessions(event.slug, filters, signal),
  );

  // One call for my registrations in every session shown, rather than one per card.
  const registrations = useApi(me ? `my-registrations:${me.id}` : null, (signal) =>
    registrationsApi.all(signal),
  );
  const loadedMine = useMemo(
    () =>
      new Map<string, Mine>(
        (registrations.data ?? []).map((r) => [
          r.sessionId,
          { status: r.status, position: r.position },
        ]),
      ),
    [registrations.data],
  );
  // My clicks since: newer than what was loaded. Seat counts only until the list is loaded again.
  const [changedMine, setChangedMine] = useState(() => new Map<string, Mine | null>());
  const [changedSeats, setChangedSeats] = useState(() => new Map<string, number | null>());
  useEffect(() => setChangedSeats(new Map()), [sessions.data]);
  const mineOf = (id: string): Mine | null | undefined => {
    if (changedMine.has(id)) return changedMine.get(id);
    if (registrations.status === 'loading') return undefined;
    // Registering twice is harmless: when my registrations could not be read, the buttons stay.
    return loadedMine.get(id) ?? null;
  };

  let list: ComponentChildren;
  if (sessions.status === 'error') {
    list = <InlineError onRetry={sessions.retry} />;
  } else if (!sessions.data) {
    // The page's title is the event's already: the page-level spinner would reset it.
    list = <InlineLoading />;
  } else {
    const count = sessions.data.length;
    list = (
      <>
        <p class="result-count" role="status">
          {sessions.status === 'loading' ? t('status.loading') : plural('agenda.count', count)}
        </p>
        {count === 0 ? (
          <p class="empty">
            {filtersActive
              ? t('agenda.empty')
              : selectedDay
                ? t('agenda.emptyDay')
                : t('agenda.noProgramme')}
          </p>
        ) : (
          <ol
            class="session-list"
            role="list"
            aria-label={t('agenda.sessionsLabel')}
            aria-busy={sessions.status === 'loading'}
          >
            {sessions.data.map((session) => (
              <SessionCard
                key={session.id}
                session={session}
                track={session.trackId ? tracksById.get(session.trackId) : undefined}
                stream={session.streamId ? streamsById.get(session.streamId) : undefined}
                now={now}
              >
                <RegistrationControl
                  compact
                  session={{
                    ...session,
                    seatsLeft: changedSeats.has(session.id)
                      ? (changedSeats.get(session.id) ?? null)
                      : session.seatsLeft,
                  }}
                  mine={mineOf(session.id)}
                  signedIn={Boolean(me)}
                  now={now}
                  onChange={(mine, seatsLeft) => {
                    setChangedMine((map) => new Map(map).set(session.id, mine));
                    setChangedSeats((map) => new Map(map).set(session.id, seatsLeft));
                  }}
                />
              </SessionCard>
            ))}
          </ol>
        )}
      </>
    );
  }

  const dayIntro = selectedDay && (
    <>
      <h2 id="day-heading" class="day-heading">
        {dayHeading(selectedDay, i18n)}
      </h2>
      <p class="day-date">{formatLongDate(selectedDay.date, intlLocale)}</p>
      {selectedDay.description && <p class="day-description">{selectedDay.description}</p>}
    </>
  );

  return (
    <>
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/">{t('agenda.allEvents')}</a>
          </li>
          <li aria-current="page">{event.title}</li>
        </ol>
      </nav>
      <div class="page-intro event-intro">
        <p class="card-eyebrow">
          <span class={`kind kind-${event.kind}`}>{t(`kind.${event.kind}`)}</span>
          {event.isDemo && <DemoBadge />}
        </p>
        <h1>{event.title}</h1>
        <p class="event-meta">
          <span>{formatDateRange(event.startDate, event.endDate, intlLocale)}</span>
          <span aria-hidden="true"> · </span>
          <span>{event.venue ?? t('events.online')}</span>
        </p>
        {event.summary && <p class="lead">{event.summary}</p>}
        <ul class="link-row intro-links" role="list">
          <li>
            <a class="arrow-link" href={`/events/${encodeURIComponent(event.slug)}/changelog`}>
              {t('changelog.link')}
            </a>
          </li>
          {organises(me, event.slug) && (
            <li>
              <a class="arrow-link" href={`/organise/events/${encodeURIComponent(event.slug)}`}>
                {t('agenda.editProgramme')}
              </a>
            </li>
          )}
        </ul>
      </div>

      <CalendarLinks
        slug={event.slug}
        day={selectedDay}
        track={event.tracks.find((tr) => tr.slug === track)}
      />

      <Filters event={event} track={track} audience={audience} language={language} />

      {selectedDay && days.length > 1 && (
        <>
          <DayTabs
            days={days}
            selected={selectedDay}
            onSelect={(date) => replaceQuery({ day: date })}
          />
          <div
            role="tabpanel"
            id="day-panel"
            class="day-panel"
            aria-labelledby={`day-tab-${selectedDay.date}`}
            tabIndex={0}
          >
            {dayIntro}
            {list}
          </div>
        </>
      )}
      {selectedDay && days.length === 1 && (
        <section class="day-panel" aria-labelledby="day-heading">
          {dayIntro}
          {list}
        </section>
      )}
      {!selectedDay && (
        <section class="day-panel" aria-labelledby="day-heading">
          <h2 id="day-heading">{t('agenda.sessionsLabel')}</h2>
          {list}
        </section>
      )}
    </>
  );
}

export function AgendaPage({ slug, query }: { slug: string; query: URLSearchParams }) {
  const { t } = useI18n();
  const event = useApi(`event:${slug}`, (signal) => api.event(slug, signal));

  if (event.status === 'error' && event.error instanceof ApiError && event.error.isNotFound) {
    return (
      <NotFound title={t('agenda.notFoundTitle')}>
        <p>{t('agenda.notFoundBody', { slug })}</p>
      </NotFound>
    );
  }
  if (event.status === 'error' && !event.data) {
    return <LoadError error={event.error} onRetry={event.retry} />;
  }
  if (!event.data) return <Loading />;
  return <Agenda event={event.data} query={query} />;
}
