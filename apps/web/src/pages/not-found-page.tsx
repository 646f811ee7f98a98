import { NotFound } from '../components/status';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <NotFound title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
    </NotFound>
  );
}
