import type { ConflictKind, ScheduleConflict } from '@app/contracts';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n';
import { dateInZone, formatShortDate, formatTimeRange } from '../lib/time';

export interface ConflictSession {
  title: string;
  startsAt: string;
  endsAt: string;
}

/** What the editor knows to name the parts of a conflict, and how to open a session. */
export interface ConflictNames {
  sessions: Map<string, ConflictSession>;
  people: Map<string, string>;
  streams: Map<string, string>;
  timeZone: string;
  sessionHref: (id: string) => string;
  /** Opens a session without leaving the page (the editor); otherwise the link is followed. */
  onOpen?: (id: string) => void;
}

const SENTENCES: Record<ConflictKind, MessageKey> = {
  'speaker-double-booked': 'conflict.speakerDoubleBooked',
  'moderator-double-booked': 'conflict.moderatorDoubleBooked',
  'speaker-unavailable': 'conflict.speakerUnavailable',
  'stream-overlap': 'conflict.streamOverlap',
  'outside-event-dates': 'conflict.outsideEventDates',
  'stream-change-too-short': 'conflict.streamChangeTooShort',
};

function conflictKey(conflict: ScheduleConflict): string {
  return [
    conflict.kind,
    conflict.speakerId ?? '',
    conflict.streamId ?? '',
    ...conflict.sessionIds,
  ].join('|');
}

/** Hard ones first: they are what stands between the draft and a release. */
function sortConflicts(conflicts: ScheduleConflict[]): ScheduleConflict[] {
  return [...conflicts].sort(
    (a, b) => Number(b.severity === 'hard') - Number(a.severity === 'hard'),
  );
}

function SessionRef({ id, names }: { id: string; names: ConflictNames }) {
  const { t, intlLocale } = useI18n();
  const session = names.sessions.get(id);
  if (!session) return <span class="conflict-elsewhere">{t('conflict.otherEvent')}</span>;
  const start = new Date(session.startsAt);
  const when = `${formatShortDate(dateInZone(start, names.timeZone), intlLocale)}, ${formatTimeRange(
    start,
    new Date(session.endsAt),
    intlLocale,
    names.timeZone,
  )}`;
  const { onOpen } = names;
  return (
    <>
      <a
        href={names.sessionHref(id)}
        onClick={
          onOpen
            ? (event) => {
                event.preventDefault();
                onOpen(id);
              }
            : undefined
        }
      >
        {session.title}
      </a>{' '}
      <span class="conflict-when">({when})</span>
    </>
  );
}

function ConflictItem({ conflict, names }: { conflict: ScheduleConflict; names: ConflictNames }) {
  const { t } = useI18n();
  const person =
    (conflict.speakerId && names.people.get(conflict.speakerId)) || t('conflict.someone');
  const stream =
    (conflict.streamId && names.streams.get(conflict.streamId)) || t('conflict.aStream');
  const hard = conflict.severity === 'hard';
  return (
    <li class={`conflict conflict-${conflict.severity}`} data-kind={conflict.kind}>
      <p class="conflict-head">
        <span class={`badge ${hard ? 'badge-hard' : 'badge-soft'}`}>
          {hard ? t('conflict.hard') : t('conflict.soft')}
        </span>{' '}
        <span class="conflict-text">{t(SENTENCES[conflict.kind], { person, stream })}</span>
      </p>
      <ul class="conflict-sessions">
        {conflict.sessionIds.map((id) => (
          <li key={id}>
            <SessionRef id={id} names={names} />
          </li>
        ))}
      </ul>
    </li>
  );
}

export function ConflictList({
  conflicts,
  names,
  label,
}: {
  conflicts: ScheduleConflict[];
  names: ConflictNames;
  label: string;
}) {
  return (
    <ul class="conflict-list" role="list" aria-label={label}>
      {sortConflicts(conflicts).map((conflict) => (
        <ConflictItem key={conflictKey(conflict)} conflict={conflict} names={names} />
      ))}
    </ul>
  );
}

/** "2 conflicts block publishing · 1 warning", or that there is none. */
export function ConflictSummary({ conflicts }: { conflicts: ScheduleConflict[] }) {
  const { t, plural } = useI18n();
  const hard = conflicts.filter((c) => c.severity === 'hard').length;
  const soft = conflicts.length - hard;
  if (conflicts.length === 0) return <p class="conflict-summary is-clear">{t('conflict.none')}</p>;
  const parts = [
    hard > 0 ? plural('conflict.countHard', hard) : '',
    soft > 0 ? plural('conflict.countSoft', soft) : '',
  ].filter(Boolean);
  return <p class={`conflict-summary${hard > 0 ? ' is-blocking' : ''}`}>{parts.join(' · ')}</p>;
}
