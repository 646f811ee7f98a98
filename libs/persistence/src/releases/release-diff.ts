import type {
  ReleaseDiff,
  ReleasedSession,
  SessionChange,
  SessionChangeField,
  SessionChangeKind,
} from '@app/contracts';

/** Changes that move a calendar entry: they raise SEQUENCE and mail the people concerned. */
export const CALENDAR_FIELDS: readonly SessionChangeField[] = ['time', 'place', 'link'];

function peopleKey(session: ReleasedSession): string[] {
  return session.people.map((p) => `${p.role}:${p.id}`);
}

function speakerIds(session: ReleasedSession): Set<string> {
  return new Set(session.people.map((p) => p.id));
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The fields in which two frozen versions of one session differ. */
export function changedFields(
  before: ReleasedSession,
  after: ReleasedSession,
): SessionChangeField[] {
  const fields: SessionChangeField[] = [];
  if (before.startsAt !== after.startsAt || before.endsAt !== after.endsAt) fields.push('time');
  if (before.streamId !== after.streamId || before.stream?.name !== after.stream?.name) {
    fields.push('place');
  }
  if ((before.stream?.virtualUrl ?? null) !== (after.stream?.virtualUrl ?? null)) {
    fields.push('link');
  }
  if (before.title !== after.title) fields.push('title');
  if (before.abstract !== after.abstract) fields.push('abstract');
  if (!sameList(peopleKey(before), peopleKey(after))) fields.push('people');
  if (before.audience !== after.audience) fields.push('audience');
  if (before.language !== after.language) fields.push('language');
  if (before.capacity !== after.capacity) fields.push('capacity');
  if (before.trackId !== after.trackId) fields.push('track');
  if (before.format !== after.format) fields.push('format');
  return fields;
}

function slot(session: ReleasedSession): SessionChange['after'] {
  return {
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    stream: session.stream?.name ?? null,
  };
}

function change(
  kind: SessionChangeKind,
  before: ReleasedSession | undefined,
  after: ReleasedSession,
  fields: SessionChangeField[],
): SessionChange {
  const was = before ? speakerIds(before) : new Set<string>();
  const is = speakerIds(after);
  const withdrawn = kind === 'cancelled';
  return {
    sessionId: after.id,
    kind,
    title: after.title,
    fields,
    before: before ? slot(before) : null,
    after: slot(after),
    peopleAdded: withdrawn ? [] : [...is].filter((id) => !was.has(id)),
    peopleRemoved: withdrawn ? [] : [...was].filter((id) => !is.has(id)),
  };
}

/**
 * What a release changes against the previous one (pretalx's model): new sessions (including
 * ones brought back from cancellation), moved ones (time or place), otherwise changed ones, and
 * cancelled ones. Both lists are frozen snapshots; cancelled sessions stay in snapshots with their
 * status, so a cancellation is a status change, never a disappearance.
 */
export function diffReleases(
  previous: readonly ReleasedSession[] | null,
  next: readonly ReleasedSession[],
): ReleaseDiff {
  const before = new Map((previous ?? []).map((s) => [s.id, s]));
  const changes: SessionChange[] = [];
  for (const session of next) {
    const old = before.get(session.id);
    const live = session.status !== 'cancelled';
    if (!old || old.status === 'cancelled') {
      if (live) changes.push(change('new', old, session, old ? changedFields(old, session) : []));
      continue;
    }
    if (!live) {
      changes.push(change('cancelled', old, session, changedFields(old, session)));
      continue;
    }
    const fields = changedFields(old, session);
    if (fields.length === 0) continue;
    const moved = fields.includes('time') || fields.includes('place');
    changes.push(change(moved ? 'moved' : 'changed', old, session, fields));
  }
  const counts: Record<SessionChangeKind, number> = { new: 0, moved: 0, changed: 0, cancelled: 0 };
  for (const c of changes) counts[c.kind] += 1;
  changes.sort(
    (a, b) =>
      (a.after?.startsAt ?? '').localeCompare(b.after?.startsAt ?? '') ||
      a.title.localeCompare(b.title),
  );
  return { changes, counts };
}

/** Whether a change reaches calendars: SEQUENCE goes up and the people concerned are mailed. */
export function movesCalendars(change: SessionChange): boolean {
  return (
    change.kind === 'cancelled' ||
    change.fields.some((field) => CALENDAR_FIELDS.includes(field)) ||
    change.peopleAdded.length > 0 ||
    change.peopleRemoved.length > 0
  );
}
