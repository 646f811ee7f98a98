import type {
  DocumentFormat,
  KeyLearningFileView,
  KeyLearningVersionView,
  RenderState,
} from '@app/contracts';
import { NotFound } from './status';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { ApiError, keyLearningsApi } from '../lib/api';
import type { KeyLearningTarget } from '../lib/api';
import { useSession } from '../lib/session';
import { formatDateTime } from '../lib/time';
import { useApi } from '../lib/use-api';

/** The reader's page of a target's key learnings, or its editor. */
export function keyLearningsHref(target: KeyLearningTarget, edit = false): string {
  const base =
    target.scope === 'session'
      ? `/sessions/${encodeURIComponent(target.sessionId)}/key-learnings`
      : `/events/${encodeURIComponent(target.slug)}/days/${encodeURIComponent(target.date)}/key-learnings`;
  return edit ? `${base}/edit` : base;
}

export function targetKey(target: KeyLearningTarget): string {
  return target.scope === 'session'
    ? `session:${target.sessionId}`
    : `day:${target.slug}:${target.date}`;
}

/** "48 kB": what a download weighs, in the reader's language (never less than 0.1 kB). */
export function formatBytes(bytes: number, intlLocale: string): string {
  const megabytes = bytes >= 1_000_000;
  const value = megabytes ? bytes / 1_000_000 : Math.max(bytes / 1000, 0.1);
  return new Intl.NumberFormat(intlLocale, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/** The PDF is what most readers want: it comes first. */
const FORMAT_ORDER: readonly DocumentFormat[] = ['pdf', 'md', 'html'];

const FORMAT_LABELS: Record<DocumentFormat, MessageKey> = {
  pdf: 'kl.format.pdf',
  md: 'kl.format.md',
  html: 'kl.format.html',
};

/** The file as an attachment: the browser saves it instead of showing it. */
export function downloadUrl(file: KeyLearningFileView): string {
  return `${file.url}?download=1`;
}

/** The downloads of one version (PDF first), or why there are none yet. */
export function VersionFiles({
  version,
  label,
}: {
  version: KeyLearningVersionView;
  /** Names the list for assistive technology ("Downloads of version 2"). */
  label: string;
}) {
  const { t, intlLocale } = useI18n();
  if (version.renderState === 'pending') {
    return (
      <p class="kl-files-pending">
        <span class="spinner" aria-hidden="true" />
        {t('kl.downloadsPending')}
      </p>
    );
  }
  if (version.renderState === 'failed') {
    return <p class="kl-files-failed">{t('kl.downloadsFailed')}</p>;
  }
  const files = FORMAT_ORDER.flatMap((format) =>
    version.files.filter((file) => file.format === format),
  );
  return (
    <ul class="kl-files" role="list" aria-label={label}>
      {files.map((file) => (
        <li key={file.id}>
          <a
            class={`kl-file kl-file-${file.format}`}
            href={downloadUrl(file)}
            download={file.fileName}
            data-format={file.format}
          >
            {t(FORMAT_LABELS[file.format])}
          </a>{' '}
          <span class="kl-file-size">({formatBytes(file.bytes, intlLocale)})</span>
        </li>
      ))}
    </ul>
  );
}

export function RenderStateBadge({ state }: { state: RenderState }) {
  const { t } = useI18n();
  return (
    <span class={`badge kl-state kl-state-${state}`} data-state={state}>
      {t(`kl.state.${state}`)}
    </span>
  );
}

/** "Published 24 Nov 2020, 17:05 by Ana Tamm", in the reader's time zone. */
export function usePublishedLine(): (version: KeyLearningVersionView) => string {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  return (version) =>
    t('kl.publishedBy', {
      date: formatDateTime(version.publishedAt, intlLocale, timeZone),
      name: version.publishedBy,
    });
}

/**
 * Whether the signed-in person may write these key learnings: the api decides, and its draft
 * answers 200 only to rapporteurs and organisers. Nobody signed in is never asked about.
 */
export function useMayEditKeyLearnings(target: KeyLearningTarget): boolean {
  const { me } = useSession();
  const probe = useApi(me ? `kl-may-edit:${targetKey(target)}:${me.id}` : null, async (signal) => {
    try {
      await keyLearningsApi.draft(target, signal);
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return false;
      throw error;
    }
  });
  return Boolean(me) && probe.status === 'ready' && probe.data;
}

/** A session or day without key learnings to show: unknown, unreleased, or a malformed address. */
export function KeyLearningsNotFound() {
  const { t } = useI18n();
  return (
    <NotFound title={t('kl.notFoundTitle')}>
      <p>{t('kl.notFoundBody')}</p>
    </NotFound>
  );
}

/** Whether a failed load means "nothing here" (404, or an address the api refused as malformed). */
export function isMissing(error: ApiError | null): boolean {
  return error !== null && (error.isNotFound || error.status === 400);
}
