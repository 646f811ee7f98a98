import type { KeyLearningPublicView } from '@app/contracts';
import { useEffect, useRef } from 'preact/hooks';
import {
  keyLearningsHref,
  targetKey,
  useMayEditKeyLearnings,
  usePublishedLine,
  VersionFiles,
  isMissing,
  KeyLearningsNotFound,
} from '../components/key-learnings-bits';
import { LoadError, Loading } from '../components/status';
import { useI18n } from '../i18n';
import { ApiError, keyLearningsApi } from '../lib/api';
import type { KeyLearningTarget } from '../lib/api';
import { signInHref } from '../lib/next-path';
import { useSession } from '../lib/session';
import { formatDateTime, formatLongDate } from '../lib/time';
import { useApi } from '../lib/use-api';
import { usePageTitle } from '../lib/use-page-title';

/** While the newest version's files are being rendered, ask again this often, this long. */
const POLL_EVERY_MS = 2_000;
const POLL_FOR_MS = 60_000;

function sessionHref(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}

function agendaHref(view: KeyLearningPublicView): string {
  const { subject } = view;
  const base = `/events/${encodeURIComponent(subject.eventSlug)}`;
  return subject.date ? `${base}?day=${subject.date}` : base;
}

function Breadcrumb({ view }: { view: KeyLearningPublicView }) {
  const { t } = useI18n();
  const { subject } = view;
  return (
    <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
      <ol>
        <li>
          <a href="/">{t('agenda.allEvents')}</a>
        </li>
        <li>
          <a href={agendaHref(view)}>{subject.eventName}</a>
        </li>
        {subject.scope === 'session' && subject.sessionId && (
          <li>
            <a href={sessionHref(subject.sessionId)}>{subject.title}</a>
          </li>
        )}
        <li aria-current="page">{t('kl.link')}</li>
      </ol>
    </nav>
  );
}

function DaySessions({ sessions }: { sessions: NonNullable<KeyLearningPublicView['sessions']> }) {
  const { t } = useI18n();
  return (
    <section class="session-section" aria-labelledby="kl-day-sessions-heading">
      <h2 id="kl-day-sessions-heading">{t('kl.daySessions')}</h2>
      {sessions.length === 0 ? (
        <p class="empty">{t('kl.daySessionsNone')}</p>
      ) : (
        <ul class="kl-day-sessions" role="list">
          {sessions.map((session) => (
            <li key={session.sessionId} class="kl-day-session">
              {session.published ? (
                <a href={keyLearningsHref({ scope: 'session', sessionId: session.sessionId })}>
                  {session.title}
                </a>
              ) : (
                <a href={sessionHref(session.sessionId)}>{session.title}</a>
              )}
              {session.restricted && (
                <span class="badge badge-audience badge-cities">{t('kl.forRegistrants')}</span>
              )}
              {!session.published && (
                <span class="kl-day-session-note">{t('kl.sessionNotPublished')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function KeyLearnings({
  target,
  view,
  reload,
}: {
  target: KeyLearningTarget;
  view: KeyLearningPublicView;
  reload: () => void;
}) {
  const { t, intlLocale } = useI18n();
  const publishedLine = usePublishedLine();
  const mayEdit = useMayEditKeyLearnings(target);
  const { timeZone } = useSession();
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const { subject, latest } = view;
  usePageTitle(t('kl.title', { title: subject.title }));

  // A version just published is shown at once; its files follow when the worker has rendered
  // them, so the page asks again for a while instead of leaving "being prepared" up for good.
  const pollingSince = useRef<number | null>(null);
  const pending = latest?.renderState === 'pending';
  useEffect(() => {
    if (!pending) {
      pollingSince.current = null;
      return undefined;
    }
    pollingSince.current ??= Date.now();
    if (Date.now() - pollingSince.current >= POLL_FOR_MS) return undefined;
    const timer = window.setTimeout(() => reloadRef.current(), POLL_EVERY_MS);
    return () => window.clearTimeout(timer);
  }, [pending, view]);

  const older = view.versions.filter((version) => version.id !== latest?.id);

  return (
    <>
      <Breadcrumb view={view} />
      <div class="kl-page">
        <div class="page-intro">
          <h1>{t('kl.title', { title: subject.title })}</h1>
          <p class="lead kl-subject">
            {subject.eventName}
            {subject.date && (
              <>
                {' · '}
                {formatLongDate(subject.date, intlLocale)}
              </>
            )}
          </p>
          {subject.audience === 'restricted' && (
            <p class="badges">
              <span class="badge badge-audience badge-cities">{t('kl.forRegistrants')}</span>
            </p>
          )}
          {mayEdit && (
            <p>
              <a class="button button-quiet" href={keyLearningsHref(target, true)}>
                {t('kl.write')}
              </a>
            </p>
          )}
        </div>

        {latest && view.html !== null ? (
          <>
            <p class="kl-version-line">
              {t('kl.versionLine', {
                n: latest.number,
                date: formatDateTime(latest.publishedAt, intlLocale, timeZone),
                name: latest.publishedBy,
              })}
            </p>
            {/* Safe: the api renders this from Markdown with raw HTML escaped and links vetted. */}
            <article class="key-learnings" dangerouslySetInnerHTML={{ __html: view.html }} />
            <section class="session-section kl-downloads" aria-labelledby="kl-downloads-heading">
              <h2 id="kl-downloads-heading">{t('kl.downloads')}</h2>
              <VersionFiles
                version={latest}
                label={`${t('kl.downloads')}: ${t('kl.versionShort', { n: latest.number })}`}
              />
            </section>
            {older.length > 0 && (
              <section class="session-section" aria-labelledby="kl-older-heading">
                <h2 id="kl-older-heading">{t('kl.olderVersions')}</h2>
                <ul class="kl-versions" role="list">
                  {older.map((version) => (
                    <li key={version.id} class="kl-version">
                      <h3>{t('kl.versionShort', { n: version.number })}</h3>
                      <p class="kl-version-meta">{publishedLine(version)}</p>
                      <VersionFiles
                        version={version}
                        label={`${t('kl.downloads')}: ${t('kl.versionShort', { n: version.number })}`}
                      />
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        ) : (
          <div class="notice kl-none">
            <h2>{t('kl.noneTitle')}</h2>
            <p>{t(subject.scope === 'day' ? 'kl.noneDay' : 'kl.noneSession')}</p>
          </div>
        )}

        {view.sessions && <DaySessions sessions={view.sessions} />}

        {subject.scope === 'session' && subject.date && (
          <p>
            <a
              class="arrow-link"
              href={keyLearningsHref({
                scope: 'day',
                slug: subject.eventSlug,
                date: subject.date,
              })}
            >
              {t('kl.dayLink')}
            </a>
          </p>
        )}

        <p class="back-link">
          {subject.scope === 'session' && subject.sessionId ? (
            <a href={sessionHref(subject.sessionId)}>{t('kl.backToSession')}</a>
          ) : (
            <a href={agendaHref(view)}>{t('kl.backToAgenda')}</a>
          )}
        </p>
      </div>
    </>
  );
}

/** Said instead of the page when the api refuses it: to sign in, or that it is not for me. */
function Refused({ target, status }: { target: KeyLearningTarget; status: 401 | 403 }) {
  const { t } = useI18n();
  const title = status === 401 ? t('kl.signInTitle') : t('kl.forbiddenTitle');
  usePageTitle(title);
  return (
    <div class="notice narrow kl-refused">
      <h1>{title}</h1>
      <p>{status === 401 ? t('kl.signInBody') : t('kl.forbiddenBody')}</p>
      <p class="actions">
        {status === 401 && (
          <a class="button" href={signInHref(keyLearningsHref(target))}>
            {t('account.signIn')}
          </a>
        )}
        {target.scope === 'session' && (
          <a
            class={status === 401 ? 'button button-quiet' : 'button'}
            href={sessionHref(target.sessionId)}
          >
            {t('kl.backToSession')}
          </a>
        )}
      </p>
    </div>
  );
}

export function KeyLearningsPage({ target }: { target: KeyLearningTarget }) {
  const page = useApi(`kl-page:${targetKey(target)}`, (signal) =>
    keyLearningsApi.page(target, signal),
  );
  const error = page.status === 'error' && page.error instanceof ApiError ? page.error : null;

  if (error && (error.status === 401 || error.status === 403)) {
    return <Refused target={target} status={error.status} />;
  }
  if (isMissing(error)) return <KeyLearningsNotFound />;
  if (page.status === 'error' && !page.data) {
    return <LoadError error={page.error} onRetry={page.retry} />;
  }
  if (!page.data) return <Loading />;
  return <KeyLearnings target={target} view={page.data} reload={page.retry} />;
}
