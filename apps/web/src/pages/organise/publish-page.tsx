import type { EventDetail, PublishedReleaseView, SessionChange } from '@app/contracts';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ConflictList, ConflictSummary } from '../../components/conflict-list';
import { describedBy, FieldError, SaveError } from '../../components/form-bits';
import { OrganiserOnly, OrganisersOnlyNotice } from '../../components/organiser-only';
import { DiffCounts, ReleaseDiffView } from '../../components/release-diff';
import { InlineError, InlineLoading, LoadError, Loading, NotFound } from '../../components/status';
import { useI18n } from '../../i18n';
import { api, ApiError, programmeApi } from '../../lib/api';
import { useApi } from '../../lib/use-api';
import { usePageTitle } from '../../lib/use-page-title';
import { editorHref, useConflictNames } from './event-editor-page';
import { EventToolLinks, OrganiseBreadcrumb } from './organise-nav';

function Published({ event, release }: { event: EventDetail; release: PublishedReleaseView }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form that had focus is gone: the outcome takes it, so it is read at once.
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <section class="notice notice-success published" aria-labelledby="published-heading">
      <h2 id="published-heading" ref={heading} tabIndex={-1}>
        {t('publish.done', { n: release.number, name: release.name })}
      </h2>
      <DiffCounts counts={release.counts} />
      {release.overrideReason && (
        <p>{t('publish.doneOverride', { reason: release.overrideReason })}</p>
      )}
      <ReleaseDiffView
        diff={release.diff}
        timeZone={event.timeZone}
        headingLevel={3}
        sessionHref={(change) =>
          change.kind === 'cancelled' ? null : `/sessions/${encodeURIComponent(change.sessionId)}`
        }
      />
      <p class="actions">
        <a class="button" href={`/events/${encodeURIComponent(event.slug)}/changelog`}>
          {t('publish.toChangelog')}
        </a>
        <a class="button button-quiet" href={`/events/${encodeURIComponent(event.slug)}`}>
          {t('editor.publicAgenda')}
        </a>
        <a class="button button-quiet" href={editorHref(event.slug)}>
          {t('publish.backToDraft')}
        </a>
      </p>
    </section>
  );
}

function Publish({ event }: { event: EventDetail }) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const slug = event.slug;
  const [version, setVersion] = useState(0);
  const preview = useApi(`preview:${slug}:${version}`, (signal) =>
    programmeApi.releasePreview(slug, signal),
  );
  const sessions = useApi(`draft:${slug}:${version}`, (signal) =>
    programmeApi.draftSessions(slug, signal),
  );
  const speakers = useApi('speakers', (signal) => programmeApi.speakers(signal));
  const names = useConflictNames(event, sessions.data, speakers.data);
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ name?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [published, setPublished] = useState<PublishedReleaseView | null>(null);
  const forbidden =
    preview.status === 'error' && preview.error instanceof ApiError && preview.error.status === 403;
  usePageTitle(forbidden ? null : t('publish.documentTitle', { title: event.title }));

  if (forbidden) return <OrganisersOnlyNotice />;

  const people = names.people;
  const data = preview.data;
  const hard = (data?.conflicts ?? []).filter((c) => c.severity === 'hard').length;
  const nothingToPublish = data !== undefined && data.diff.changes.length === 0;
  const mails = data
    ? data.notices.updates + data.notices.cancellations + data.notices.invitations
    : 0;

  const submit = async (submitted: Event) => {
    submitted.preventDefault();
    const found: { name?: string; reason?: string } = {};
    if (!name.trim()) found.name = t('form.required', { field: t('publish.name') });
    // The api asks for a sentence, not a token gesture (at least five characters).
    if (hard > 0 && reason.trim().length < 5) found.reason = t('publish.reasonRequired');
    setErrors(found);
    setFailure(null);
    if (found.name || found.reason) {
      document.getElementById(found.name ? 'release-name' : 'release-reason')?.focus();
      return;
    }
    setBusy(true);
    try {
      setPublished(
        await programmeApi.publish(slug, {
          name: name.trim(),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
          ...(hard > 0 ? { overrideReason: reason.trim() } : {}),
        }),
      );
    } catch (error) {
      setFailure(error);
      // The draft may have changed under us (a new conflict, or someone published first).
      if (error instanceof ApiError && error.status === 409) setVersion((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const sessionHref = (change: SessionChange) =>
    names.sessions.has(change.sessionId) ? editorHref(slug, change.sessionId) : null;

  return (
    <div class="organise-page">
      <OrganiseBreadcrumb event={event} page={t('publish.title')} />
      <div class="page-intro">
        <h1>{t('publish.title')}</h1>
        <p class="lead">{t('publish.intro')}</p>
      </div>
      <EventToolLinks slug={slug} current={`${editorHref(slug)}/publish`} />

      {published ? (
        <Published event={event} release={published} />
      ) : preview.status === 'error' && !data ? (
        <InlineError onRetry={preview.retry} />
      ) : !data ? (
        <InlineLoading />
      ) : (
        <>
          <section class="editor-section" aria-labelledby="diff-heading">
            <h2 id="diff-heading">{t('publish.changes')}</h2>
            <p class="section-intro">
              {data.basedOn === null
                ? t('publish.firstRelease')
                : t('publish.comparedWith', { n: data.basedOn })}
            </p>
            <DiffCounts counts={data.diff.counts} />
            <ReleaseDiffView
              diff={data.diff}
              timeZone={event.timeZone}
              headingLevel={3}
              people={people}
              sessionHref={sessionHref}
            />
          </section>

          <section class="editor-section" aria-labelledby="publish-conflicts-heading">
            <h2 id="publish-conflicts-heading">{t('editor.conflicts')}</h2>
            <ConflictSummary conflicts={data.conflicts} />
            {data.conflicts.length > 0 && (
              <ConflictList
                conflicts={data.conflicts}
                names={names}
                label={t('editor.conflicts')}
              />
            )}
          </section>

          <section class="editor-section" aria-labelledby="mails-heading">
            <h2 id="mails-heading">{t('publish.mails')}</h2>
            <p class="mail-forecast" data-mails={mails}>
              {mails === 0 ? t('publish.noMails') : plural('publish.mailCount', mails)}
            </p>
            {mails > 0 && (
              <ul class="mail-forecast-parts">
                {data.notices.updates > 0 && (
                  <li>{plural('publish.updates', data.notices.updates)}</li>
                )}
                {data.notices.cancellations > 0 && (
                  <li>{plural('publish.cancellations', data.notices.cancellations)}</li>
                )}
                {data.notices.invitations > 0 && (
                  <li>{plural('publish.invitationMails', data.notices.invitations)}</li>
                )}
              </ul>
            )}
          </section>

          <section class="editor-section" aria-labelledby="publish-form-heading">
            <h2 id="publish-form-heading">{t('publish.formTitle')}</h2>
            {nothingToPublish ? (
              <p class="notice">
                {t('publish.nothing', { n: data.basedOn ?? 0 })}{' '}
                <a href={editorHref(slug)}>{t('publish.backToDraft')}</a>
              </p>
            ) : (
              <form class="form-card wide" noValidate onSubmit={(e) => void submit(e)}>
                <div class={`form-field${errors.name ? ' has-error' : ''}`}>
                  <label for="release-name">{t('publish.name')}</label>
                  <p id="release-name-hint" class="field-hint">
                    {t('publish.nameHint')}
                  </p>
                  <FieldError id="release-name-error" message={errors.name} />
                  <input
                    id="release-name"
                    type="text"
                    maxLength={120}
                    value={name}
                    aria-required="true"
                    aria-invalid={errors.name ? true : undefined}
                    aria-describedby={describedBy(
                      'release-name-hint',
                      errors.name && 'release-name-error',
                    )}
                    onInput={(e) => setName(e.currentTarget.value)}
                  />
                </div>
                <div class="form-field">
                  <label for="release-notes">
                    {t('publish.notes')} <span class="optional">{t('form.optional')}</span>
                  </label>
                  <p id="release-notes-hint" class="field-hint">
                    {t('publish.notesHint')}
                  </p>
                  <textarea
                    id="release-notes"
                    rows={3}
                    value={notes}
                    aria-describedby="release-notes-hint"
                    onInput={(e) => setNotes(e.currentTarget.value)}
                  />
                </div>
                {hard > 0 && (
                  <div class={`form-field override${errors.reason ? ' has-error' : ''}`}>
                    <p class="notice notice-warning" id="release-reason-warning">
                      {plural('publish.overrideWarning', hard)}
                    </p>
                    <label for="release-reason">{t('publish.reason')}</label>
                    <p id="release-reason-hint" class="field-hint">
                      {t('publish.reasonHint')}
                    </p>
                    <FieldError id="release-reason-error" message={errors.reason} />
                    <textarea
                      id="release-reason"
                      rows={2}
                      value={reason}
                      aria-required="true"
                      aria-invalid={errors.reason ? true : undefined}
                      aria-describedby={describedBy(
                        'release-reason-warning',
                        'release-reason-hint',
                        errors.reason && 'release-reason-error',
                      )}
                      onInput={(e) => setReason(e.currentTarget.value)}
                    />
                  </div>
                )}
                {Boolean(failure) && <SaveError error={failure} title={t('publish.failed')} />}
                <div class="form-actions">
                  <button
                    type="submit"
                    class={`button${hard > 0 ? ' button-danger' : ''}`}
                    disabled={busy || preview.status === 'loading'}
                  >
                    {hard > 0 ? plural('publish.submitOverride', hard) : t('publish.submit')}
                  </button>
                </div>
              </form>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function LoadedPublish({ slug }: { slug: string }) {
  const { t } = useI18n();
  const event = useApi(`editor-event:${slug}`, (signal) => api.freshEvent(slug, signal));
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
  return <Publish event={event.data} />;
}

export function PublishPage({ slug }: { slug: string }) {
  return <OrganiserOnly eventSlug={slug}>{() => <LoadedPublish slug={slug} />}</OrganiserOnly>;
}
