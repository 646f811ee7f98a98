import type { DraftSessionView, EventDetail, ScheduleConflict } from '@app/contracts';
import { useState } from 'preact/hooks';
import { CancelledBadge, TrackLabel } from '../../components/badges';
import { SaveError } from '../../components/form-bits';
import { useI18n } from '../../i18n';
import { ApiError, programmeApi } from '../../lib/api';
import { dayHeading } from '../../lib/labels';
import { dateInZone, formatLongDate, formatTimeRange } from '../../lib/time';

interface DayGroup {
  date: string;
  heading: string;
  sessions: DraftSessionView[];
}

interface Props {
  event: EventDetail;
  sessions: DraftSessionView[];
  conflicts: ScheduleConflict[];
  sessionHref: (id: string) => string;
  onOpen: (id: string) => void;
  onNew: (date: string) => void;
  onChanged: () => void;
}

type Pending = { id: string; action: 'delete' | 'cancel' } | null;

const DONE = {
  delete: 'draft.deleted',
  cancel: 'draft.cancelled',
  restore: 'draft.restored',
} as const;

/** The draft by day of the event's own calendar, every day shown even when still empty. */
export function DraftSessionList(props: Props) {
  const i18n = useI18n();
  const { t, intlLocale, plural } = i18n;
  const { event } = props;
  const zone = event.timeZone;
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  const groups = new Map<string, DayGroup>();
  for (const day of event.days) {
    groups.set(day.date, { date: day.date, heading: dayHeading(day, i18n), sessions: [] });
  }
  for (const session of props.sessions) {
    const date = dateInZone(new Date(session.startsAt), zone);
    const group = groups.get(date) ?? {
      date,
      heading: formatLongDate(date, intlLocale),
      sessions: [],
    };
    group.sessions.push(session);
    groups.set(date, group);
  }
  const ordered = [...groups.values()].sort((a, b) => a.date.localeCompare(b.date));
  for (const group of ordered) {
    group.sessions.sort(
      (a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title),
    );
  }
  const tracks = new Map(event.tracks.map((track) => [track.id, track]));
  const streams = new Map(event.streams.map((stream) => [stream.id, stream]));

  const act = async (session: DraftSessionView, action: 'delete' | 'cancel' | 'restore') => {
    setBusy(true);
    setFailure(null);
    try {
      if (action === 'delete') await programmeApi.deleteDraftSession(event.slug, session.id);
      else {
        await programmeApi.updateDraftSession(event.slug, session.id, {
          status: action === 'cancel' ? 'cancelled' : 'scheduled',
        });
      }
      setPending(null);
      setMessage(t(DONE[action], { title: session.title }));
      props.onChanged();
      document.getElementById('sessions-heading')?.focus();
    } catch (error) {
      // A session a release has carried can only be cancelled: offer that instead.
      if (action === 'delete' && error instanceof ApiError && error.status === 409) {
        setPending({ id: session.id, action: 'cancel' });
        setMessage(t('draft.deleteRefused'));
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="form-status" role="status">
        {message}
      </p>
      {Boolean(failure) && !pending && (
        <SaveError error={failure} title={t('draft.actionFailed')} />
      )}
      {ordered.length === 0 && <p class="empty">{t('draft.empty')}</p>}
      {ordered.map((group) => (
        <section key={group.date} class="draft-day" aria-labelledby={`draft-day-${group.date}`}>
          <div class="draft-day-head">
            <h3 id={`draft-day-${group.date}`}>
              {group.heading}{' '}
              <span class="draft-day-date">{formatLongDate(group.date, intlLocale)}</span>
            </h3>
            <button
              type="button"
              class="button button-quiet button-small"
              onClick={() => props.onNew(group.date)}
            >
              {t('draft.addOnDay')}
              <span class="visually-hidden"> {group.heading}</span>
            </button>
          </div>
          {group.sessions.length === 0 ? (
            <p class="empty">{t('draft.emptyDay')}</p>
          ) : (
            <ul class="draft-list" role="list">
              {group.sessions.map((session) => {
                const cancelled = session.status === 'cancelled';
                const mine = props.conflicts.filter((c) => c.sessionIds.includes(session.id));
                const hard = mine.some((c) => c.severity === 'hard');
                const track = session.trackId ? tracks.get(session.trackId) : undefined;
                const stream = session.streamId ? streams.get(session.streamId) : undefined;
                const isPending = pending?.id === session.id;
                return (
                  <li
                    key={session.id}
                    class={`draft-session${cancelled ? ' is-cancelled' : ''}${mine.length > 0 ? (hard ? ' has-hard' : ' has-soft') : ''}`}
                    data-session-id={session.id}
                  >
                    <p class="draft-time">
                      <time dateTime={session.startsAt}>
                        {formatTimeRange(
                          new Date(session.startsAt),
                          new Date(session.endsAt),
                          intlLocale,
                          zone,
                        )}
                      </time>
                    </p>
                    <div class="draft-body">
                      <p class="draft-title">
                        <a
                          id={`edit-session-${session.id}`}
                          href={props.sessionHref(session.id)}
                          onClick={(e) => {
                            e.preventDefault();
                            props.onOpen(session.id);
                          }}
                        >
                          {session.title}
                        </a>
                      </p>
                      <p class="badges">
                        {cancelled && <CancelledBadge />}
                        {!session.published && (
                          <span class="badge badge-draft">{t('draft.unpublished')}</span>
                        )}
                        {mine.length > 0 && (
                          <span class={`badge ${hard ? 'badge-hard' : 'badge-soft'}`}>
                            {plural('draft.conflictCount', mine.length)}
                          </span>
                        )}
                      </p>
                      {(track || stream) && (
                        <p class="session-place">
                          {track && <TrackLabel track={track} />}
                          {track && stream && <span aria-hidden="true"> · </span>}
                          {stream && <span>{stream.name}</span>}
                        </p>
                      )}
                      {session.people.length > 0 && (
                        <p class="session-people">
                          {session.people
                            .map((p) => `${p.name} (${plural(`role.${p.role}`, 1)})`)
                            .join(', ')}
                        </p>
                      )}
                    </div>
                    <div class="draft-actions">
                      {session.published ? (
                        <button
                          type="button"
                          class="button button-quiet button-small button-danger-quiet"
                          aria-expanded={isPending}
                          onClick={() =>
                            cancelled
                              ? void act(session, 'restore')
                              : setPending(isPending ? null : { id: session.id, action: 'cancel' })
                          }
                        >
                          {cancelled ? t('draft.restore') : t('draft.cancel')}
                          <span class="visually-hidden"> {session.title}</span>
                        </button>
                      ) : (
                        <button
                          type="button"
                          class="button button-quiet button-small button-danger-quiet"
                          aria-expanded={isPending}
                          onClick={() =>
                            setPending(isPending ? null : { id: session.id, action: 'delete' })
                          }
                        >
                          {t('form.delete')}
                          <span class="visually-hidden"> {session.title}</span>
                        </button>
                      )}
                    </div>
                    {isPending && (
                      <div class="confirm-box">
                        <p>
                          {pending.action === 'delete'
                            ? t('draft.confirmDelete', { title: session.title })
                            : t('draft.confirmCancel', { title: session.title })}
                        </p>
                        {Boolean(failure) && (
                          <SaveError error={failure} title={t('draft.actionFailed')} />
                        )}
                        <div class="form-actions">
                          <button
                            type="button"
                            class="button button-danger"
                            disabled={busy}
                            onClick={() => void act(session, pending.action)}
                          >
                            {pending.action === 'delete'
                              ? t('structure.deleteForGood')
                              : t('draft.cancelForGood')}
                          </button>
                          <button
                            type="button"
                            class="button button-quiet"
                            onClick={() => setPending(null)}
                          >
                            {t('structure.keep')}
                          </button>
                        </div>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
