import type { Locale } from '@app/contracts';
import { LOCALES } from '@app/contracts';
import type { ComponentChildren } from 'preact';
import { LOCALE_NAMES, useI18n } from '../i18n';
import { browserTimeZone } from '../lib/time';

function EuStars() {
  const stars = Array.from({ length: 12 }, (_, i) => {
    const angle = (i * Math.PI) / 6;
    return { x: 16 + 10 * Math.cos(angle), y: 16 + 10 * Math.sin(angle) };
  });
  return (
    <svg class="brand-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="#003399" />
      {stars.map(({ x, y }) => (
        <circle key={`${x}-${y}`} cx={x} cy={y} r="1.6" fill="#ffcc00" />
      ))}
    </svg>
  );
}

function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('app.languageLabel')}>
      {LOCALES.map((option: Locale) => (
        <button
          key={option}
          type="button"
          lang={option}
          class="lang-button"
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {LOCALE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}

export function Header() {
  const { t } = useI18n();
  return (
    <header class="site-header">
      <div class="wrap header-bar">
        <a class="brand" href="/">
          <EuStars />
          <span class="brand-text">
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-tagline">{t('app.tagline')}</span>
          </span>
        </a>
        <LanguageSwitcher />
      </div>
      <div class="tz-note">
        <p class="wrap">{t('app.timeZoneNote', { zone: browserTimeZone().replace(/_/g, ' ') })}</p>
      </div>
    </header>
  );
}

export function Footer() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>{t('app.footerAbout')}</p>
        <p class="small-print">{t('app.footerSmallPrint')}</p>
      </div>
    </footer>
  );
}

export function SkipLink({ children }: { children: ComponentChildren }) {
  return (
    <a
      class="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {children}
    </a>
  );
}
