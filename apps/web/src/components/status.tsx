import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { usePageTitle } from '../lib/use-page-title';

export function Loading() {
  const { t } = useI18n();
  usePageTitle(null);
  return (
    <p class="status-loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t('status.loading')}
    </p>
  );
}

/** Loading a part of a page whose title is set already (the page-level one would reset it). */
export function InlineLoading() {
  const { t } = useI18n();
  return (
    <p class="status-loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t('status.loading')}
    </p>
  );
}

/** A page-level failure that is not "not found": says what happened and offers a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  usePageTitle(null);
  const offline = error instanceof ApiError && error.status === 0;
  const serverMessage = error instanceof ApiError && !offline ? error.message : null;
  return (
    <div class="notice notice-error" role="alert">
      <h1>{t('status.error')}</h1>
      {offline && <p>{t('status.offline')}</p>}
      {serverMessage && <p>{t('status.errorDetail', { message: serverMessage })}</p>}
      <p>
        <button type="button" class="button" onClick={onRetry}>
          {t('status.retry')}
        </button>
      </p>
    </div>
  );
}

export function NotFound({ title, children }: { title: string; children: ComponentChildren }) {
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <div class="notice not-found">
      <h1>{title}</h1>
      {children}
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </div>
  );
}

/** A failure inside a page whose heading is already shown (e.g. the session list of an agenda). */
export function InlineError({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>{t('status.error')}</p>
      <button type="button" class="button" onClick={onRetry}>
        {t('status.retry')}
      </button>
    </div>
  );
}
