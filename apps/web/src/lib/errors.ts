import type { I18n } from '../i18n';
import { ApiError } from './api';

/** One sentence, in the reader's language, for a failed call to the api. */
export function errorText(error: unknown, { t }: I18n): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('status.offline');
    if (error.status === 401) return t('status.sessionEnded');
    if (error.status === 403) return t('status.forbidden');
    if (error.status === 429) return t('status.tooMany');
    return `${t('status.actionFailed')} ${t('status.errorDetail', { message: error.message })}`;
  }
  return t('status.actionFailed');
}
