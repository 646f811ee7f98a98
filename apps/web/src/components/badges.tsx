import type { Audience, SessionFormat, SessionLanguage, TrackView } from '@app/contracts';
import { useI18n } from '../i18n';
import { languageName, safeColor } from '../lib/labels';

export function LiveBadge() {
  const { t } = useI18n();
  return (
    <span class="badge badge-live">
      <span class="live-dot" aria-hidden="true" />
      {t('session.liveNow')}
    </span>
  );
}

export function CancelledBadge() {
  const { t } = useI18n();
  return <span class="badge badge-cancelled">{t('session.cancelled')}</span>;
}

export function DemoBadge() {
  const { t } = useI18n();
  return <span class="badge badge-demo">{t('events.demo')}</span>;
}

export function AudienceBadge({ audience }: { audience: Audience }) {
  const { t } = useI18n();
  return <span class={`badge badge-audience badge-${audience}`}>{t(`audience.${audience}`)}</span>;
}

export function FormatBadge({ format }: { format: SessionFormat }) {
  const { t } = useI18n();
  return <span class="badge badge-neutral">{t(`format.${format}`)}</span>;
}

export function LanguageBadge({ language }: { language: SessionLanguage }) {
  const i18n = useI18n();
  return <span class="badge badge-neutral">{languageName(language, i18n)}</span>;
}

export function TrackLabel({ track }: { track: TrackView }) {
  return (
    <span class="track-label">
      <span
        class="track-dot"
        aria-hidden="true"
        style={{ backgroundColor: safeColor(track.color) }}
      />
      {track.name}
    </span>
  );
}
