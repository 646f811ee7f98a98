import type { EventDetail, ReleaseView } from '@app/contracts';
import { DiffCounts, ReleaseDiffView } from '../components/release-diff';
import { InlineError, InlineLoading, LoadError, Loading, NotFound } from '../components/status';
import { useI18n } from '../i18n';
import { api, ApiError, feeds, releasesApi } from '../lib/api';
import { formatDateTime, zoneCity } from '../lib/time';
import { useApi } from '../lib/use-api';
import { usePageTitle } from '../lib/use-page-title';

/** Every release with its diff: the list names them, each is then read in full. */
async function loadReleases(slug: string, signal: AbortSignal): Promise<ReleaseView[]> {
  const summaries = await releasesApi.list(slug, signal);
  const releases = await Promise.all(
    summaries.map((summary) => releasesApi.one(slug, summary.number, signal)),
  );
  return releases.sort((a, b) => b.number - a.number);
}

function Changelog({ event }: { event: EventDetail }) {
  const { t, intlLocale, locale } = useI18n();
  usePageTitle(t('changelog.documentTitle', { title: event.title }));
  const releases = useApi(`releases:${event.slug}`, (signal) => loadReleases(event.slug, signal));
  const agenda = `/events/${encodeURIComponent(event.slug)}`;
  return (
    <div class="changelog-page">
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/">{t('agenda.allEvents')}</a>
          </li>
          <li>
            <a href={agenda}>{event.title}</a>
          </li>
          <li aria-current="page">{t('changelog.title')}</li>
        </ol>
      </nav>
      <div class="page-intro">
        <h1>{t('changelog.title')}</h1>
        <p class="lead">{t('changelog.intro', { title: event.title })}</p>
        <p class="actions">
          <a class="feed-link" href={feeds.releasesAtom(event.slug)} type="application/atom+xml">
            {t('changelog.feed')}
          </a>
          <a href={agenda}>{t('changelog.toAgenda')}</a>
        </p>
        <p class="field-hint">
          {t('changelog.zone', {
            city: zoneCity(event.timeZone, locale),
            zone: event.timeZone.replace(/_/g, ' '),
          })}
        </p>
      </div>
      {releases.status === 'error' && !releases.data ? (
        <InlineError onRetry={releases.retry} />
      ) : !releases.data ? (
        <InlineLoading />
      ) : releases.data.length === 0 ? (
        <p class="empty">{t('changelog.none')}</p>
      ) : (
        <ol class="release-list" role="list">
          {releases.data.map((release) => (
            <li key={release.number} class="release" data-release={release.number}>
              <article aria-labelledby={`release-${release.number}`}>
                <h2 id={`release-${release.number}`}>
                  {t('changelog.releaseHeading', { n: release.number, name: release.name })}
                </h2>
                <p class="release-date">
                  {t('changelog.publishedAt', {
                    date: formatDateTime(release.publishedAt, intlLocale, event.timeZone),
                  })}
                </p>
                {release.notes && <p class="release-notes">{release.notes}</p>}
                <DiffCounts counts={release.counts} />
                <ReleaseDiffView
                  diff={release.diff}
                  timeZone={event.timeZone}
                  headingLevel={3}
                  sessionHref={(change) =>
                    change.kind === 'cancelled'
                      ? null
                      : `/sessions/${encodeURIComponent(change.sessionId)}`
                  }
                />
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ChangelogPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const event = useApi(`event:${slug}`, (signal) => api.event(slug, signal));
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
  return <Changelog event={event.data} />;
}
