import type { SessionDetail, SessionPersonRole, SpeakerDetailView } from '@app/contracts';
import { SESSION_PERSON_ROLES } from '@app/contracts';
import { useState } from 'preact/hooks';
import {
  AudienceBadge,
  CancelledBadge,
  FormatBadge,
  LanguageBadge,
  LiveBadge,
  TrackLabel,
} from '../components/badges';
import { keyLearningsHref, useMayEditKeyLearnings } from '../components/key-learnings-bits';
import type { Mine } from '../components/registration';
import { RegistrationControl } from '../components/registration';
import { SessionTimes } from '../components/session-times';
import { LoadError, Loading, NotFound } from '../components/status';
import { useI18n } from '../i18n';
import { api, ApiError, feeds, registrationsApi } from '../lib/api';
import { dayHeading, languageName, safeHttpUrl } from '../lib/labels';
import { organises, useSession } from '../lib/session';
import { dateInZone, formatLongDate, isLive, sessionPhase } from '../lib/time';
import { useApi } from '../lib/use-api';
import { useNow } from '../lib/use-now';
import { usePageTitle } from '../lib/use-page-title';

function Person({ person }: { person: SpeakerDetailView }) {
  const affiliation = [person.title, person.organisation].filter(Boolean).join(', ');
  return (
    <li class="person">
      <p class="person-name">{person.name}</p>
      {affiliation && <p class="person-affiliation">{affiliation}</p>}
      {person.city && <p class="person-city">{person.city}</p>}
      {person.bio && <p class="person-bio">{person.bio}</p>}
    </li>
  );
}

function People({ people }: { people: SpeakerDetailView[] }) {
  const { t, plural } = useI18n();
  const groups = SESSION_PERSON_ROLES.map((role: SessionPersonRole) => ({
    role,
    people: people.filter((person) => person.role === role),
  })).filter((group) => group.people.length > 0);
  if (groups.length === 0) return null;
  return (
    <section class="session-section" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('session.people')}</h2>
      {groups.map((group) => (
        <div key={group.role} class="people-group">
          <h3>{plural(`role.${group.role}`, group.people.length)}</h3>
          <ul class="people-list" role="list">
            {group.people.map((person) => (
              <Person key={person.id} person={person} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/**
 * Seats left, my registration and what I can do about it. A cancelled session shows it only to
 * those who still hold a place in it; the notice above says the rest.
 */
function Registration({ session, now }: { session: SessionDetail; now: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const known = useApi(me ? `registration:${session.id}:${me.id}` : null, (signal) =>
    registrationsApi.mine(session.id, signal),
  );
  // What my own clicks changed since the page loaded: newer than anything loaded before them.
  const [changed, setChanged] = useState<{ mine: Mine | null; seatsLeft: number | null } | null>(
    null,
  );

  let mine: Mine | null | undefined;
  if (changed) mine = changed.mine;
  else if (known.status === 'ready') mine = known.data;
  // Registering twice is harmless: when my registration could not be read, the button stays.
  else if (known.status === 'error') mine = null;
  const holding = mine?.status === 'confirmed' || mine?.status === 'waitlisted';
  if (session.status === 'cancelled' && !holding) return null;

  return (
    <section class="session-section registration-panel" aria-labelledby="registration-heading">
      <h2 id="registration-heading">{t('registration.title')}</h2>
      <RegistrationControl
        session={{ ...session, seatsLeft: changed ? changed.seatsLeft : session.seatsLeft }}
        mine={mine}
        signedIn={me !== null}
        now={now}
        onChange={(next, seatsLeft) => setChanged({ mine: next, seatsLeft })}
      />
    </section>
  );
}

/**
 * The session's live room (questions, chat, polls); its moderators also get their tools. Once
 * the session is over the room is a record to read, and the link says so.
 */
function LiveLinks({ session, now }: { session: SessionDetail; now: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const base = `/sessions/${encodeURIComponent(session.id)}`;
  const ended = sessionPhase(session.startsAt, session.endsAt, now) === 'ended';
  return (
    <p class="live-links">
      <a class={ended ? 'button button-quiet' : 'button'} href={`${base}/live`}>
        {ended ? t('live.record') : t('live.join')}
      </a>
      {organises(me, session.eventSlug) && (
        <>
          <a href={`${base}/moderate`}>{t('live.moderateLink')}</a>
          <a href={`${base}/present`}>{t('live.presentLink')}</a>
        </>
      )}
    </p>
  );
}

/**
 * Always offered: the page it leads to says when nothing is published yet, or that it is for the
 * session's registrants. Rapporteurs and organisers also get the way to the editor.
 */
function KeyLearningsLinks({ session }: { session: SessionDetail }) {
  const { t } = useI18n();
  const target = { scope: 'session', sessionId: session.id } as const;
  const mayEdit = useMayEditKeyLearnings(target);
  return (
    <section class="session-section" aria-labelledby="key-learnings-heading">
      <h2 id="key-learnings-heading">{t('kl.link')}</h2>
      <p class="section-intro">{t('kl.sessionIntro')}</p>
      <ul class="link-list" role="list">
        <li>
          <a class="arrow-link" href={keyLearningsHref(target)}>
            {t('kl.link')}
          </a>
        </li>
        {mayEdit && (
          <li>
            <a class="arrow-link" href={keyLearningsHref(target, true)}>
              {t('kl.write')}
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}

function Session({ session }: { session: SessionDetail }) {
  const i18n = useI18n();
  const { t, intlLocale, plural } = i18n;
  const now = useNow();
  usePageTitle(session.title);
  const event = useApi(`event:${session.eventSlug}`, (signal) =>
    api.event(session.eventSlug, signal),
  );

  const cancelled = session.status === 'cancelled';
  const live = !cancelled && isLive(session.startsAt, session.endsAt, now);
  const eventDate = session.day?.date ?? dateInZone(new Date(session.startsAt), session.timeZone);
  const agendaHref = `/events/${encodeURIComponent(session.eventSlug)}?day=${eventDate}`;
  const virtualUrl = safeHttpUrl(session.stream?.virtualUrl ?? null);
  const paragraphs = session.abstract
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

  return (
    <>
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/">{t('agenda.allEvents')}</a>
          </li>
          <li>
            <a href={agendaHref}>{event.data?.title ?? t('session.agenda')}</a>
          </li>
          <li aria-current="page">{session.title}</li>
        </ol>
      </nav>

      <article class={`session-detail${cancelled ? ' is-cancelled' : ''}`}>
        <div class="page-intro">
          <h1 class="session-detail-title">{session.title}</h1>
          <p class="badges">
            {live && <LiveBadge />}
            {cancelled && <CancelledBadge />}
            <AudienceBadge audience={session.audience} />
            <FormatBadge format={session.format} />
            <LanguageBadge language={session.language} />
          </p>
          {cancelled && <p class="notice notice-warning">{t('session.cancelledNotice')}</p>}
          {!cancelled && <LiveLinks session={session} now={now} />}
        </div>

        <Registration session={session} now={now} />

        <section class="session-section" aria-labelledby="details-heading">
          <h2 id="details-heading">{t('session.details')}</h2>
          <dl class="facts">
            <div>
              <dt>{t('session.when')}</dt>
              <dd>
                <p>{formatLongDate(eventDate, intlLocale)}</p>
                <SessionTimes
                  startsAt={session.startsAt}
                  endsAt={session.endsAt}
                  timeZone={session.timeZone}
                />
                {!cancelled && (
                  <p class="session-ics">
                    <a class="ics-link" href={feeds.session(session.id)} download>
                      {t('calendar.session')}
                    </a>
                  </p>
                )}
              </dd>
            </div>
            {session.day && (
              <div>
                <dt>{t('session.day')}</dt>
                <dd>{dayHeading(session.day, i18n)}</dd>
              </div>
            )}
            {session.track && (
              <div>
                <dt>{t('session.track')}</dt>
                <dd>
                  <TrackLabel track={session.track} />
                </dd>
              </div>
            )}
            {session.stream && (
              <div>
                <dt>{t('session.stream')}</dt>
                <dd>
                  {session.stream.name}
                  {virtualUrl && !cancelled && (
                    <>
                      {' · '}
                      <a href={virtualUrl} rel="noopener noreferrer">
                        {t('session.virtualRoom')}
                      </a>
                    </>
                  )}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('session.format')}</dt>
              <dd>{t(`format.${session.format}`)}</dd>
            </div>
            <div>
              <dt>{t('session.audience')}</dt>
              <dd>{t(`audience.${session.audience}`)}</dd>
            </div>
            <div>
              <dt>{t('session.language')}</dt>
              <dd>{languageName(session.language, i18n)}</dd>
            </div>
            {session.capacity !== null && (
              <div>
                <dt>{t('session.capacity')}</dt>
                <dd>{plural('session.capacityValue', session.capacity)}</dd>
              </div>
            )}
          </dl>
        </section>

        {paragraphs.length > 0 && (
          <section class="session-section" aria-labelledby="about-heading">
            <h2 id="about-heading">{t('session.about')}</h2>
            {paragraphs.map((paragraph, index) => (
              <p key={index} class="abstract">
                {paragraph}
              </p>
            ))}
          </section>
        )}

        <KeyLearningsLinks session={session} />

        <People people={session.people} />

        <p class="back-link">
          <a href={agendaHref}>{t('session.backToAgenda')}</a>
        </p>
      </article>
    </>
  );
}

export function SessionPage({ id }: { id: string }) {
  const { t } = useI18n();
  const session = useApi(`session:${id}`, (signal) => api.session(id, signal));

  // A malformed id is rejected with 400 before any lookup; for a visitor it is the same dead link.
  const missing =
    session.status === 'error' &&
    session.error instanceof ApiError &&
    (session.error.isNotFound || session.error.status === 400);
  if (missing) {
    return (
      <NotFound title={t('session.notFoundTitle')}>
        <p>{t('session.notFoundBody')}</p>
      </NotFound>
    );
  }
  if (session.status === 'error' && !session.data) {
    return <LoadError error={session.error} onRetry={session.retry} />;
  }
  if (!session.data) return <Loading />;
  return <Session session={session.data} />;
}
