import type { KeyLearningDraftView, KeyLearningVersionView } from '@app/contracts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { describedBy, SaveError } from '../components/form-bits';
import {
  keyLearningsHref,
  RenderStateBadge,
  targetKey,
  usePublishedLine,
  VersionFiles,
  isMissing,
  KeyLearningsNotFound,
} from '../components/key-learnings-bits';
import { SignedInOnly } from '../components/signed-in-only';
import { LoadError, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { ApiError, keyLearningsApi } from '../lib/api';
import type { KeyLearningTarget } from '../lib/api';
import { useSession } from '../lib/session';
import { formatDateTime } from '../lib/time';
import { useApi } from '../lib/use-api';
import { usePageTitle } from '../lib/use-page-title';

const PREVIEW_DELAY_MS = 500;
/** While a published version's files are being rendered, the lists are asked again this often. */
const POLL_EVERY_MS = 2_000;
const POLL_FOR_MS = 60_000;

/**
 * The Markdown the preview renders: the heading block of the draft's own preview (title, event,
 * date, version line) followed by the text as it is in the editor now.
 */
function previewMarkdown(draft: KeyLearningDraftView, notes: string, digest: string): string {
  const blocks = draft.preview.split(/\n\n/);
  const head = blocks[0]?.startsWith('# ')
    ? blocks.slice(0, blocks[1]?.startsWith('*') ? 2 : 1).join('\n\n')
    : `# ${draft.subject.title}`;
  return [head, notes.trim(), digest.trim()].filter(Boolean).join('\n\n');
}

interface Text {
  notes: string;
  digest: string;
}

interface Failure {
  title: string;
  error: unknown;
}

/** The api's 409 on save: someone else's revision, once it has been read (null until then). */
interface Conflict {
  theirs: KeyLearningDraftView | null;
}

function useWarnOnLeave(dirty: boolean, message: string): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    // Links inside the app change the page without unloading it: they ask here first. Capturing
    // runs before the router's own click handler, which leaves prevented clicks alone.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) {
        return;
      }
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname.startsWith('/api')) return;
      if (url.pathname === window.location.pathname) return;
      if (!window.confirm(message)) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, message]);
}

function EditorBreadcrumb({
  target,
  draft,
}: {
  target: KeyLearningTarget;
  draft: KeyLearningDraftView;
}) {
  const { t } = useI18n();
  const { subject } = draft;
  const agenda = `/events/${encodeURIComponent(subject.eventSlug)}${subject.date ? `?day=${subject.date}` : ''}`;
  return (
    <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
      <ol>
        <li>
          <a href="/">{t('agenda.allEvents')}</a>
        </li>
        <li>
          <a href={agenda}>{subject.eventName}</a>
        </li>
        {target.scope === 'session' && (
          <li>
            <a href={`/sessions/${encodeURIComponent(target.sessionId)}`}>{subject.title}</a>
          </li>
        )}
        <li>
          <a href={keyLearningsHref(target)}>{t('kl.link')}</a>
        </li>
        <li aria-current="page">{t('kl.write')}</li>
      </ol>
    </nav>
  );
}

function Revisions({ draft }: { draft: KeyLearningDraftView }) {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  return (
    <section class="editor-section" aria-labelledby="kl-revisions-heading">
      <h2 id="kl-revisions-heading">{t('kl.history')}</h2>
      {draft.revisions.length === 0 ? (
        <p class="empty">{t('kl.historyNone')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table kl-revisions">
            <thead>
              <tr>
                <th scope="col">{t('kl.revision')}</th>
                <th scope="col">{t('kl.author')}</th>
                <th scope="col">{t('kl.savedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {draft.revisions.map((revision) => (
                <tr key={revision.number} data-revision={revision.number}>
                  <th scope="row">{revision.number}</th>
                  <td>{revision.author}</td>
                  <td class="nowrap">{formatDateTime(revision.createdAt, intlLocale, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Versions({ versions }: { versions: KeyLearningVersionView[] }) {
  const { t } = useI18n();
  const publishedLine = usePublishedLine();
  return (
    <section class="editor-section" aria-labelledby="kl-versions-heading">
      <h2 id="kl-versions-heading">{t('kl.versions')}</h2>
      {versions.length === 0 ? (
        <p class="empty">{t('kl.versionsNone')}</p>
      ) : (
        <ul class="kl-versions" role="list">
          {versions.map((version) => (
            <li key={version.id} class="kl-version" data-version={version.number}>
              <h3>
                {t('kl.versionShort', { n: version.number })}{' '}
                <RenderStateBadge state={version.renderState} />
              </h3>
              <p class="kl-version-meta">{publishedLine(version)}</p>
              {version.renderState === 'ready' && (
                <VersionFiles
                  version={version}
                  label={`${t('kl.downloads')}: ${t('kl.versionShort', { n: version.number })}`}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictNotice({
  conflict,
  busy,
  onLoadTheirs,
  onKeepMine,
}: {
  conflict: Conflict;
  busy: boolean;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
}) {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  // Announced and focused at once: the save the person just asked for did not happen.
  useLayoutEffect(() => heading.current?.focus(), []);
  const theirs = conflict.theirs;
  return (
    <div class="notice notice-warning kl-conflict" role="alert">
      <h2 ref={heading} tabIndex={-1}>
        {t('kl.conflictTitle')}
      </h2>
      <p>
        {theirs?.updatedBy && theirs.updatedAt
          ? t('kl.conflictBy', {
              name: theirs.updatedBy,
              n: theirs.revision,
              date: formatDateTime(theirs.updatedAt, intlLocale, timeZone),
            })
          : t('kl.conflictGeneric')}
      </p>
      <div class="form-actions">
        <button type="button" class="button" disabled={busy} onClick={onLoadTheirs}>
          {t('kl.loadTheirs')}
        </button>
        <button type="button" class="button button-quiet" disabled={busy} onClick={onKeepMine}>
          {t('kl.keepMine')}
        </button>
      </div>
    </div>
  );
}

function Editor({ target, initial }: { target: KeyLearningTarget; initial: KeyLearningDraftView }) {
  const i18n = useI18n();
  const { t, intlLocale } = i18n;
  const { timeZone } = useSession();
  const isDay = initial.subject.scope === 'day';
  /** The server's state the text is based on; `revision` goes back with the next save. */
  const [base, setBase] = useState(initial);
  const [notes, setNotes] = useState(initial.notes);
  const [digest, setDigest] = useState(initial.digest);
  const [busy, setBusy] = useState<'save' | 'recompile' | 'publish' | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [kept, setKept] = useState<Text | null>(null);
  const [confirmRecompile, setConfirmRecompile] = useState(false);
  const [published, setPublished] = useState<KeyLearningVersionView | null>(null);
  const [previewHtml, setPreviewHtml] = useState('');
  const [previewState, setPreviewState] = useState<'updating' | 'ready' | 'failed'>('updating');
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const recompileRef = useRef<HTMLButtonElement>(null);
  const publishedRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  usePageTitle(t('kl.editTitle', { title: base.subject.title }));
  const dirty = notes !== base.notes || (!isDay && digest !== base.digest);
  useWarnOnLeave(dirty, t('kl.leaveConfirm'));

  // The preview follows the typing, a moment after it pauses; an older answer never wins.
  const previewSource = previewMarkdown(base, notes, isDay ? '' : digest);
  const firstPreview = useRef(true);
  useEffect(() => {
    const controller = new AbortController();
    const delay = firstPreview.current ? 0 : PREVIEW_DELAY_MS;
    firstPreview.current = false;
    const timer = window.setTimeout(() => {
      setPreviewState('updating');
      keyLearningsApi.preview(previewSource, controller.signal).then(
        ({ html }) => {
          setPreviewHtml(html);
          setPreviewState('ready');
        },
        () => {
          if (!controller.signal.aborted) setPreviewState('failed');
        },
      );
    }, delay);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [previewSource]);

  /** Versions, revisions and what is published, read again; the text being edited stays. */
  const refreshLists = async () => {
    try {
      const fresh = await keyLearningsApi.draft(target);
      setBase((current) => ({
        ...current,
        revisions: fresh.revisions,
        versions: fresh.versions,
        publishedRevision: fresh.publishedRevision,
      }));
    } catch {
      // The lists stay as they were; the next action or a reload brings them up to date.
    }
  };
  const refreshRef = useRef(refreshLists);
  refreshRef.current = refreshLists;

  const rendering = base.versions.some((version) => version.renderState === 'pending');
  const renderingSince = useRef<number | null>(null);
  useEffect(() => {
    if (!rendering) {
      renderingSince.current = null;
      return undefined;
    }
    renderingSince.current ??= Date.now();
    if (Date.now() - renderingSince.current >= POLL_FOR_MS) return undefined;
    const timer = window.setTimeout(() => void refreshRef.current(), POLL_EVERY_MS);
    return () => window.clearTimeout(timer);
  }, [rendering, base.versions]);

  const fail = (title: string, error: unknown) => {
    setFailure({ title, error });
    window.setTimeout(() => failureRef.current?.focus(), 0);
  };

  const save = async (revision = base.revision) => {
    if (busy) return;
    const sent = { notes, digest: isDay ? base.digest : digest, revision };
    setBusy('save');
    setFailure(null);
    setStatus('');
    try {
      const saved = await keyLearningsApi.save(target, sent);
      setBase(saved);
      // Only the text that went out takes the api's copy; anything typed meanwhile stays.
      setNotes((current) => (current === sent.notes ? saved.notes : current));
      setDigest((current) => (current === sent.digest ? saved.digest : current));
      setConflict(null);
      setStatus(t('kl.saved', { n: saved.revision }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setConflict({ theirs: null });
        try {
          const theirs = await keyLearningsApi.draft(target);
          setConflict({ theirs });
        } catch {
          // The notice names nobody then; "Load their version" tries again.
        }
      } else {
        fail(t('kl.saveFailed'), error);
      }
    } finally {
      setBusy(null);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const theirVersion = async (): Promise<KeyLearningDraftView | null> => {
    if (conflict?.theirs) return conflict.theirs;
    try {
      return await keyLearningsApi.draft(target);
    } catch (error) {
      fail(t('kl.saveFailed'), error);
      return null;
    }
  };

  const loadTheirs = async () => {
    setBusy('save');
    const theirs = await theirVersion();
    setBusy(null);
    if (!theirs) return;
    const mine = { notes, digest };
    if (mine.notes !== theirs.notes || (!isDay && mine.digest !== theirs.digest)) setKept(mine);
    setBase(theirs);
    setNotes(theirs.notes);
    setDigest(theirs.digest);
    setConflict(null);
    setStatus(t('kl.loadedTheirs'));
    notesRef.current?.focus();
  };

  const keepMine = async () => {
    setBusy('save');
    const theirs = await theirVersion();
    setBusy(null);
    if (theirs) await save(theirs.revision);
  };

  const recompile = async () => {
    if (target.scope !== 'session' || busy) return;
    if (dirty && !confirmRecompile) {
      setConfirmRecompile(true);
      window.setTimeout(() => confirmRef.current?.focus(), 0);
      return;
    }
    setConfirmRecompile(false);
    setBusy('recompile');
    setFailure(null);
    setStatus('');
    try {
      const next = await keyLearningsApi.recompile(target.sessionId);
      const notesSaved = notes === base.notes;
      setBase(next);
      setDigest(next.digest);
      if (notesSaved) setNotes(next.notes);
      setStatus(t('kl.recompiled', { n: next.revision }));
    } catch (error) {
      fail(t('kl.recompileFailed'), error);
    } finally {
      setBusy(null);
      window.setTimeout(() => recompileRef.current?.focus(), 0);
    }
  };

  const publish = async () => {
    if (busy) return;
    setBusy('publish');
    setFailure(null);
    setStatus('');
    setPublished(null);
    try {
      const version = await keyLearningsApi.publish(target, base.revision);
      setPublished(version);
      setBase((current) => ({
        ...current,
        publishedRevision: current.revision,
        versions: [version, ...current.versions.filter((v) => v.id !== version.id)],
      }));
      window.setTimeout(() => publishedRef.current?.focus(), 0);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        fail(t('kl.publishFailed'), new ApiError(409, t('kl.publishStale')));
        void refreshLists();
      } else {
        fail(t('kl.publishFailed'), error);
      }
    } finally {
      setBusy(null);
    }
  };

  const publishBlocked = dirty
    ? t('kl.publishHintUnsaved')
    : base.revision === 0
      ? t('kl.publishHintNothing')
      : base.publishedRevision === base.revision
        ? t('kl.publishHintDone', { n: base.revision })
        : null;

  const saveState = dirty
    ? t('kl.unsaved')
    : base.revision === 0
      ? t('kl.neverSaved')
      : t('kl.allSaved', { n: base.revision });

  return (
    <>
      <EditorBreadcrumb target={target} draft={base} />
      <div class="kl-editor-page">
        <div class="page-intro">
          <h1>{t('kl.editTitle', { title: base.subject.title })}</h1>
          <p class="lead">{t(isDay ? 'kl.editIntroDay' : 'kl.editIntro')}</p>
          <p>
            <a class="arrow-link" href={keyLearningsHref(target)}>
              {t('kl.viewPage')}
            </a>
          </p>
        </div>

        {published && (
          <section
            class="notice notice-success kl-published"
            aria-labelledby="kl-published-heading"
          >
            <h2 id="kl-published-heading" ref={publishedRef} tabIndex={-1}>
              {t('kl.published', { n: published.number })}
            </h2>
            <p>
              <a class="button" href={keyLearningsHref(target)}>
                {t('kl.viewPage')}
              </a>
            </p>
          </section>
        )}

        {conflict && (
          <ConflictNotice
            conflict={conflict}
            busy={busy !== null}
            onLoadTheirs={() => void loadTheirs()}
            onKeepMine={() => void keepMine()}
          />
        )}

        {failure && (
          <div ref={failureRef} tabIndex={-1} class="kl-failure">
            <SaveError error={failure.error} title={failure.title} />
          </div>
        )}

        <div class="kl-editor">
          <form
            class="form-card kl-editor-form"
            noValidate
            aria-label={t('kl.write')}
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <div class="form-field">
              <label for="kl-notes">{t('kl.notes')}</label>
              <p id="kl-notes-hint" class="field-hint">
                {t('kl.notesHint')}
              </p>
              <textarea
                ref={notesRef}
                id="kl-notes"
                class="kl-textarea"
                rows={14}
                spellcheck
                value={notes}
                aria-describedby="kl-notes-hint"
                onInput={(event) => setNotes(event.currentTarget.value)}
              />
            </div>

            {!isDay && (
              <div class="form-field">
                <label for="kl-digest">{t('kl.digest')}</label>
                <p id="kl-digest-hint" class="field-hint">
                  {t('kl.digestHint')}{' '}
                  {base.digestCompiledAt
                    ? t('kl.digestCompiled', {
                        date: formatDateTime(base.digestCompiledAt, intlLocale, timeZone),
                      })
                    : t('kl.digestNever')}
                </p>
                <textarea
                  id="kl-digest"
                  class="kl-textarea"
                  rows={10}
                  value={digest}
                  aria-describedby="kl-digest-hint"
                  onInput={(event) => setDigest(event.currentTarget.value)}
                />
                <p class="field-after">
                  <button
                    ref={recompileRef}
                    type="button"
                    class="button button-quiet button-small"
                    disabled={busy !== null}
                    onClick={() => void recompile()}
                  >
                    {busy === 'recompile' ? t('kl.recompiling') : t('kl.recompile')}
                  </button>
                </p>
                {confirmRecompile && (
                  <div class="confirm-box">
                    <p ref={confirmRef} tabIndex={-1}>
                      {t('kl.recompileConfirm')}
                    </p>
                    <div class="form-actions">
                      <button
                        type="button"
                        class="button"
                        disabled={busy !== null}
                        onClick={() => void recompile()}
                      >
                        {t('kl.recompileYes')}
                      </button>
                      <button
                        type="button"
                        class="button button-quiet"
                        onClick={() => {
                          setConfirmRecompile(false);
                          recompileRef.current?.focus();
                        }}
                      >
                        {t('kl.cancel')}
                      </button>
                    </div>
                  </div>
                )}
              </div>
            )}

            <p
              class={`kl-save-state${dirty ? ' is-dirty' : ''}`}
              data-dirty={dirty ? 'true' : 'false'}
            >
              {saveState}
            </p>
            <div class="form-actions">
              <button
                type="submit"
                class="button"
                disabled={busy !== null}
                aria-describedby="kl-shortcut"
              >
                {busy === 'save' ? t('kl.saving') : t('kl.save')}
              </button>
              <button
                type="button"
                class="button button-quiet"
                disabled={busy !== null || publishBlocked !== null}
                aria-describedby={describedBy(publishBlocked !== null && 'kl-publish-hint')}
                onClick={() => void publish()}
              >
                {busy === 'publish'
                  ? t('kl.publishing')
                  : base.revision > 0
                    ? t('kl.publish', { n: base.revision })
                    : t('kl.publishFirst')}
              </button>
            </div>
            {publishBlocked && (
              <p id="kl-publish-hint" class="field-hint kl-publish-hint">
                {publishBlocked}
              </p>
            )}
            <p id="kl-shortcut" class="field-hint">
              {t('kl.shortcut')}
            </p>
            <p class="form-status" role="status">
              {status}
            </p>

            {kept && (
              <details class="kl-kept" open>
                <summary>{t('kl.yourText')}</summary>
                <div class="form-field">
                  <label for="kl-kept-notes">{t('kl.notes')}</label>
                  <textarea
                    id="kl-kept-notes"
                    class="kl-textarea"
                    rows={6}
                    readOnly
                    value={kept.notes}
                  />
                </div>
                {!isDay && (
                  <div class="form-field">
                    <label for="kl-kept-digest">{t('kl.digest')}</label>
                    <textarea
                      id="kl-kept-digest"
                      class="kl-textarea"
                      rows={4}
                      readOnly
                      value={kept.digest}
                    />
                  </div>
                )}
                <button
                  type="button"
                  class="button button-quiet button-small"
                  onClick={() => setKept(null)}
                >
                  {t('kl.discardYours')}
                </button>
              </details>
            )}
          </form>

          <section class="kl-preview-pane" aria-labelledby="kl-preview-heading">
            <h2 id="kl-preview-heading">{t('kl.preview')}</h2>
            <p class="field-hint">
              {t('kl.previewHint')}{' '}
              {previewState === 'updating' && (
                <span class="kl-preview-state">{t('kl.previewUpdating')}</span>
              )}
              {previewState === 'failed' && (
                <span class="kl-preview-state is-failed">{t('kl.previewFailed')}</span>
              )}
            </p>
            {/* Safe: the api renders this from Markdown with raw HTML escaped and links vetted. */}
            <article
              class="key-learnings kl-preview"
              aria-busy={previewState === 'updating' ? 'true' : 'false'}
              dangerouslySetInnerHTML={{ __html: previewHtml }}
            />
          </section>
        </div>

        <Versions versions={base.versions} />
        <Revisions draft={base} />
      </div>
    </>
  );
}

function EditForbidden({ target }: { target: KeyLearningTarget }) {
  const { t } = useI18n();
  usePageTitle(t('kl.editForbiddenTitle'));
  return (
    <div class="notice narrow">
      <h1>{t('kl.editForbiddenTitle')}</h1>
      <p>{t(target.scope === 'day' ? 'kl.editForbiddenDay' : 'kl.editForbidden')}</p>
      <p>
        <a href={keyLearningsHref(target)}>{t('kl.link')}</a>
      </p>
    </div>
  );
}

function EditorLoader({ target }: { target: KeyLearningTarget }) {
  const draft = useApi(`kl-draft:${targetKey(target)}`, (signal) =>
    keyLearningsApi.draft(target, signal),
  );
  const error = draft.status === 'error' && draft.error instanceof ApiError ? draft.error : null;
  if (error?.status === 403) return <EditForbidden target={target} />;
  if (isMissing(error)) return <KeyLearningsNotFound />;
  if (draft.status === 'error' && !draft.data) {
    return <LoadError error={draft.error} onRetry={draft.retry} />;
  }
  if (!draft.data) return <Loading />;
  return <Editor target={target} initial={draft.data} />;
}

export function KeyLearningsEditorPage({ target }: { target: KeyLearningTarget }) {
  return (
    <SignedInOnly>
      {(me) => <EditorLoader key={`${me.id}:${targetKey(target)}`} target={target} />}
    </SignedInOnly>
  );
}
