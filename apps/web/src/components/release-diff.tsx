import type { ReleaseDiff, SessionChange, SessionChangeKind } from '@app/contracts';
import { SESSION_CHANGE_KINDS } from '@app/contracts';
import type { I18n } from '../i18n';
import { useI18n } from '../i18n';
import { dateInZone, formatShortDate, formatTimeRange } from '../lib/time';

type Slot = NonNullable<SessionChange['before']>;

function slotText(slot: Slot, timeZone: string, { intlLocale }: I18n): string {
  const start = new Date(slot.startsAt);
  const when = `${formatShortDate(dateInZone(start, timeZone), intlLocale)}, ${formatTimeRange(
    start,
    new Date(slot.endsAt),
    intlLocale,
    timeZone,
  )}`;
  return slot.stream ? `${when} · ${slot.stream}` : when;
}

function names(ids: string[], people: Map<string, string> | undefined, i18n: I18n): string {
  if (!people) return i18n.plural('diff.peopleCount', ids.length);
  const list = ids.map((id) => people.get(id) ?? i18n.t('conflict.someone'));
  return new Intl.ListFormat(i18n.intlLocale, { type: 'conjunction' }).format(list);
}

function ChangeItem({
  change,
  timeZone,
  people,
  sessionHref,
}: {
  change: SessionChange;
  timeZone: string;
  people?: Map<string, string>;
  sessionHref?: (change: SessionChange) => string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const href = sessionHref?.(change) ?? null;
  // For a moved session, the move is said above; the list names what else changed.
  const fields =
    change.kind === 'moved' ? change.fields.filter((f) => f !== 'time' && f !== 'place') : [];
  const listed = change.kind === 'changed' ? change.fields : fields;
  // Everyone joins a new session and leaves a cancelled one: only changes to others are news.
  const showPeople = change.kind === 'moved' || change.kind === 'changed';
  return (
    <li class={`diff-item diff-item-${change.kind}`} data-session-id={change.sessionId}>
      <p class="diff-title">{href ? <a href={href}>{change.title}</a> : change.title}</p>
      {change.kind === 'new' && change.after && (
        <p class="diff-slot">{slotText(change.after, timeZone, i18n)}</p>
      )}
      {change.kind === 'cancelled' && change.before && (
        <p class="diff-slot diff-was">{slotText(change.before, timeZone, i18n)}</p>
      )}
      {change.kind === 'moved' && change.before && change.after && (
        <p class="diff-slot diff-move">
          <span class="diff-before">
            <span class="visually-hidden">{t('diff.before')} </span>
            {slotText(change.before, timeZone, i18n)}
          </span>{' '}
          <span class="diff-arrow" aria-hidden="true">
            →
          </span>{' '}
          <span class="diff-after">
            <span class="visually-hidden">{t('diff.after')} </span>
            {slotText(change.after, timeZone, i18n)}
          </span>
        </p>
      )}
      {listed.length > 0 && (
        <p class="diff-fields">
          {t('diff.changedFields', {
            fields: new Intl.ListFormat(i18n.intlLocale, { type: 'conjunction' }).format(
              listed.map((field) => t(`diff.field.${field}`)),
            ),
          })}
        </p>
      )}
      {showPeople && change.peopleAdded.length > 0 && (
        <p class="diff-people">
          {t('diff.peopleAdded', { names: names(change.peopleAdded, people, i18n) })}
        </p>
      )}
      {showPeople && change.peopleRemoved.length > 0 && (
        <p class="diff-people">
          {t('diff.peopleRemoved', { names: names(change.peopleRemoved, people, i18n) })}
        </p>
      )}
    </li>
  );
}

const GROUP_TITLES: Record<
  SessionChangeKind,
  'diff.new' | 'diff.moved' | 'diff.changed' | 'diff.cancelled'
> = {
  new: 'diff.new',
  moved: 'diff.moved',
  changed: 'diff.changed',
  cancelled: 'diff.cancelled',
};

/** A release's changes, grouped: new, moved (before → after), changed (which fields), cancelled. */
export function ReleaseDiffView({
  diff,
  timeZone,
  headingLevel,
  people,
  sessionHref,
}: {
  diff: ReleaseDiff;
  timeZone: string;
  headingLevel: 3 | 4;
  people?: Map<string, string>;
  sessionHref?: (change: SessionChange) => string | null;
}) {
  const { t, plural } = useI18n();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  if (diff.changes.length === 0) return <p class="empty">{t('diff.none')}</p>;
  return (
    <div class="release-diff">
      {SESSION_CHANGE_KINDS.map((kind) => {
        const changes = diff.changes.filter((change) => change.kind === kind);
        if (changes.length === 0) return null;
        return (
          <div key={kind} class={`diff-group diff-group-${kind}`}>
            <Heading class="diff-heading">
              {t(GROUP_TITLES[kind])}{' '}
              <span class="diff-count">({plural('diff.sessionCount', changes.length)})</span>
            </Heading>
            <ul class="diff-list" role="list">
              {changes.map((change) => (
                <ChangeItem
                  key={change.sessionId}
                  change={change}
                  timeZone={timeZone}
                  people={people}
                  sessionHref={sessionHref}
                />
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

/** "3 new · 1 moved · 2 cancelled": a release at a glance. */
export function DiffCounts({ counts }: { counts: Record<SessionChangeKind, number> }) {
  const { plural } = useI18n();
  const parts = SESSION_CHANGE_KINDS.filter((kind) => counts[kind] > 0).map((kind) =>
    plural(`diff.countOf.${kind}`, counts[kind]),
  );
  return <p class="diff-counts">{parts.join(' · ')}</p>;
}
