import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';

/** Sets `document.title`; `null` keeps the product name alone (loading, errors). */
export function usePageTitle(page: string | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = page ? t('app.documentTitle', { page }) : t('app.name');
  }, [page, t]);
}
