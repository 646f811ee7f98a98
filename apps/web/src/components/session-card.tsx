import type { SessionPersonView, SessionView, StreamView, TrackView } from '@app/contracts';
import type { ComponentChildren } from 'preact';
import type { I18n } from '../i18n';
import { useI18n } from '../i18n';
import { safeColor } from '../lib/labels';
import { isLive } from '../lib/time';
import {
  AudienceBadge,
  CancelledBadge,
  FormatBadge,
  LanguageBadge,
  LiveBadge,
  TrackLabel,
} from './badges';
import { SessionTimes } from './session-times';

export function personLine(person: SessionPersonView): string {
  return person.organisation ? `${person.name} (${person.organisation})` : person.name;
}

export function listNames(people: SessionPersonView[], i18n: I18n): string {
  return new Intl.ListFormat(i18n.intlLocale, { type: 'conjunction' }).format(
    people.map(personLine),
  );
}

interface SessionCardProps {
  session: SessionView;
  track: TrackView | undefined;
  stream: StreamView | undefined;
  now: number;
  /** What the reader can do about the session (register, cancel), under its details. */
  children?: ComponentChildren;
}

export function SessionCard({ session, track, stream, now, children }: SessionCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const cancelled = session.status === 'cancelled';
  const live = !cancelled && isLive(session.startsAt, session.endsAt, now);
  const speakers = session.people.filter((p) => p.role === 'speaker');
  const moderators = session.people.filter((p) => p.role === 'moderator');

  return (
    <li
      class={`session-card${cancelled ? ' is-cancelled' : ''}${live ? ' is-live' : ''}`}
      style={{ borderLeftColor: safeColor(track?.color) }}
    >
      <SessionTimes
        startsAt={session.startsAt}
        endsAt={session.endsAt}
        timeZone={session.timeZone}
      />
      <h3 class="session-title">
        <a href={`/sessions/${encodeURIComponent(session.id)}`}>{session.title}</a>
      </h3>
      <p class="badges">
        {live && <LiveBadge />}
        {cancelled && <CancelledBadge />}
        <AudienceBadge audience={session.audience} />
        <FormatBadge format={session.format} />
        <LanguageBadge language={session.language} />
      </p>
      {(track || stream) && (
        <p class="session-place">
          {track && <TrackLabel track={track} />}
          {track && stream && <span aria-hidden="true"> · </span>}
          {stream && <span class="stream-name">{stream.name}</span>}
        </p>
      )}
      {speakers.length > 0 && (
        <p class="session-people">{t('session.with', { names: listNames(speakers, i18n) })}</p>
      )}
      {moderators.length > 0 && (
        <p class="session-people">
          {t('session.moderatedBy', { names: listNames(moderators, i18n) })}
        </p>
      )}
      {children}
    </li>
  );
}
