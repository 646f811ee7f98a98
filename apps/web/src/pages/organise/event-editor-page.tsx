import type { DraftSessionView, EventDetail, ScheduleConflict } from '@app/contracts';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { DemoBadge } from '../../components/badges';
import type { ConflictNames } from '../../components/conflict-list';
import { ConflictList, ConflictSummary } from '../../components/conflict-list';
import { OrganiserOnly, OrganisersOnlyNotice } from '../../components/organiser-only';
import { InlineError, InlineLoading, LoadError, Loading, NotFound } from '../../components/status';
import { useI18n } from '../../i18n';
import { api, ApiError, programmeApi } from '../../lib/api';
import type { SavedDraftSession } from '../../lib/api';
import { replaceQuery } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { usePageTitle } from '../../lib/use-page-title';
import { DraftSessionList } from './draft-sessions';
import { EventSettingsForm } from './event-settings';
import { EventToolLinks, OrganiseBreadcrumb } from './organise-nav';
import { SessionForm } from './session-form';
import { DaysEditor, StreamsEditor, TracksEditor } from './structure';

export function editorHref(slug: string, sessionId?: string): string {
  const base = `/organise/events/${encodeURIComponent(slug)}`;
  return sessionId ? `${base}?session=${encodeURIComponent(sessionId)}` : base;
}

function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** Names for conflicts: sessions of the draft, people of the programme, streams of the event. */
export function useConflictNames(
  event: EventDetail,
  sessions: DraftSessionView[] | undefined,
  people: { id: string; name: string }[] | undefined,
  onOpen?: (id: string) => void,
): ConflictNames {
  return useMemo(() => {
    const peopleNames = new Map<string, string>();
    for (const session of sessions ?? []) {
      for (const person of session.people) peopleNames.set(person.speakerId, person.name);
    }
    for (const person of people ?? []) peopleNames.set(person.id, person.name);
    return {
      sessions: new Map((sessions ?? []).map((s) => [s.id, s])),
      people: peopleNames,
      streams: new Map(event.streams.map((stream) => [stream.id, stream.name])),
      timeZone: event.timeZone,
      sessionHref: (id: string) => editorHref(event.slug, id),
      onOpen,
    };
  }, [event, sessions, people, onOpen]);
}

function Editor({
  event,
  query,
  onStructureChanged,
}: {
  event: EventDetail;
  query: URLSearchParams;
  onStructureChanged: () => void;
}) {
  const { t, plural } = useI18n();
  const slug = event.slug;
  const [draftVersion, setDraftVersion] = useState(0);
  const [speakersVersion, setSpeakersVersion] = useState(0);
  const sessions = useApi(`draft:${slug}:${draftVersion}`, (signal) =>
    programmeApi.draftSessions(slug, signal),
  );
  const conflicts = useApi(`conflicts:${slug}:${draftVersion}`, (signal) =>
    programmeApi.draftConflicts(slug, signal),
  );
  const speakers = useApi(`speakers:${speakersVersion}`, (signal) => programmeApi.speakers(signal));
  // A new key each time a session is opened from the page; saving a new session keeps its form.
  const [formKey, setFormKey] = useState(0);
  const [lastSave, setLastSave] = useState<SavedDraftSession | null>(null);

  const opened = query.get('session');
  const open = useCallback((id: string) => {
    setFormKey((n) => n + 1);
    setLastSave(null);
    replaceQuery({ session: id, day: null });
  }, []);
  const names = useConflictNames(event, sessions.data, speakers.data, open);
  const forbidden = [sessions, conflicts].some((l) => l.status === 'error' && isForbidden(l.error));
  usePageTitle(forbidden ? null : t('editor.documentTitle', { title: event.title }));

  if (forbidden) return <OrganisersOnlyNotice />;

  const openNew = (date: string | null) => {
    setFormKey((n) => n + 1);
    setLastSave(null);
    replaceQuery({ session: 'new', day: date });
  };

  const close = () => {
    replaceQuery({ session: null, day: null });
    const back = opened && opened !== 'new' ? `edit-session-${opened}` : 'new-session';
    window.setTimeout(() => document.getElementById(back)?.focus(), 0);
  };

  const saved = (result: SavedDraftSession) => {
    setLastSave(result);
    if (opened === 'new') replaceQuery({ session: result.session.id, day: null });
    setDraftVersion((n) => n + 1);
  };

  let form = null;
  if (opened) {
    // What this page saved last is newer than a list that may still be reloading.
    const session =
      opened === 'new'
        ? null
        : lastSave?.session.id === opened
          ? lastSave.session
          : sessions.data?.find((s) => s.id === opened);
    if (session === undefined) {
      form = sessions.data ? (
        <p class="notice notice-error" role="alert">
          {t('editor.sessionMissing')}
        </p>
      ) : (
        <InlineLoading />
      );
    } else {
      const fromSave = Boolean(session && lastSave?.session.id === session.id);
      const own: ScheduleConflict[] = fromSave
        ? (lastSave?.conflicts ?? [])
        : session
          ? (conflicts.data ?? []).filter((c) => c.sessionIds.includes(session.id))
          : [];
      form = (
        <SessionForm
          key={formKey}
          event={event}
          session={session}
          dayHint={query.get('day')}
          speakers={speakers.data}
          onSpeakersRefresh={() => setSpeakersVersion((n) => n + 1)}
          conflicts={own}
          conflictsFromSave={fromSave}
          names={names}
          onSaved={saved}
          onClose={close}
        />
      );
    }
  }

  const hardCount = (conflicts.data ?? []).filter((c) => c.severity === 'hard').length;

  return (
    <div class="organise-page">
      <OrganiseBreadcrumb event={event} />
      <div class="page-intro">
        <p class="card-eyebrow">
          <span class={`kind kind-${event.kind}`}>{t(`kind.${event.kind}`)}</span>
          <span class="badge badge-draft">{t('editor.draft')}</span>
          {event.isDemo && <DemoBadge />}
        </p>
        <h1>{event.title}</h1>
        <p class="lead">{t('editor.intro')}</p>
        <p class="actions">
          <a class="button" href={`${editorHref(slug)}/publish`}>
            {t('editor.publish')}
          </a>
          {hardCount > 0 && <span class="field-hint">{plural('editor.hardHint', hardCount)}</span>}
        </p>
      </div>
      <EventToolLinks slug={slug} current={editorHref(slug)} />

      <nav class="toc" aria-label={t('editor.onThisPage')}>
        <ul role="list">
          <li>
            <a href="#conflicts">{t('editor.conflicts')}</a>
          </li>
          <li>
            <a href="#sessions">{t('editor.sessions')}</a>
          </li>
          <li>
            <a href="#settings">{t('settings.heading')}</a>
          </li>
          <li>
            <a href="#days">{t('structure.days')}</a>
          </li>
          <li>
            <a href="#tracks">{t('structure.tracks')}</a>
          </li>
          <li>
            <a href="#streams">{t('structure.streams')}</a>
          </li>
        </ul>
      </nav>

      <section class="editor-section" id="conflicts" aria-labelledby="conflicts-heading">
        <div class="section-head">
          <h2 id="conflicts-heading">{t('editor.conflicts')}</h2>
          <button
            type="button"
            class="button button-quiet button-small"
            onClick={() => setDraftVersion((n) => n + 1)}
          >
            {t('editor.recheck')}
          </button>
        </div>
        {conflicts.status === 'error' && !conflicts.data ? (
          <InlineError onRetry={conflicts.retry} />
        ) : !conflicts.data ? (
          <p class="status-loading">{t('status.loading')}</p>
        ) : (
          <div aria-busy={conflicts.status === 'loading'}>
            <ConflictSummary conflicts={conflicts.data} />
            {conflicts.data.length > 0 && (
              <ConflictList
                conflicts={conflicts.data}
                names={names}
                label={t('editor.conflicts')}
              />
            )}
          </div>
        )}
      </section>

      <section class="editor-section" id="sessions" aria-labelledby="sessions-heading">
        <div class="section-head">
          <h2 id="sessions-heading" tabIndex={-1}>
            {t('editor.sessions')}
          </h2>
          <button
            type="button"
            id="new-session"
            class="button button-small"
            onClick={() => openNew(null)}
          >
            {t('editor.newSession')}
          </button>
        </div>
        <p class="section-intro">
          {t('editor.sessionsIntro', { zone: event.timeZone.replace(/_/g, ' ') })}
        </p>
        {form}
        {sessions.status === 'error' && !sessions.data ? (
          <InlineError onRetry={sessions.retry} />
        ) : !sessions.data ? (
          <InlineLoading />
        ) : (
          <DraftSessionList
            event={event}
            sessions={sessions.data}
            conflicts={conflicts.data ?? []}
            sessionHref={(id) => editorHref(slug, id)}
            onOpen={open}
            onNew={openNew}
            onChanged={() => setDraftVersion((n) => n + 1)}
          />
        )}
      </section>

      <section class="editor-section" id="settings" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('settings.heading')}</h2>
        <EventSettingsForm
          event={event}
          onSaved={() => {
            onStructureChanged();
            setDraftVersion((n) => n + 1);
          }}
        />
      </section>

      <DaysEditor event={event} onChanged={onStructureChanged} />
      <TracksEditor event={event} onChanged={onStructureChanged} />
      <StreamsEditor
        event={event}
        onChanged={() => {
          onStructureChanged();
          setDraftVersion((n) => n + 1);
        }}
      />
    </div>
  );
}

function LoadedEditor({ slug, query }: { slug: string; query: URLSearchParams }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const event = useApi(`editor-event:${slug}:${version}`, (signal) => api.freshEvent(slug, signal));
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
  return (
    <Editor event={event.data} query={query} onStructureChanged={() => setVersion((n) => n + 1)} />
  );
}

export function EventEditorPage({ slug, query }: { slug: string; query: URLSearchParams }) {
  return (
    <OrganiserOnly eventSlug={slug}>
      {() => <LoadedEditor slug={slug} query={query} />}
    </OrganiserOnly>
  );
}
