import type { Locale } from '@app/contracts';
import { LOCALES } from '@app/contracts';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { LOCALE_NAMES, useI18n } from '../i18n';
import { api, ApiError } from '../lib/api';
import { flash } from '../lib/flash';
import { navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';

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
  const { locale, t } = useI18n();
  const { chooseLocale } = useSession();
  return (
    <div class="lang-switch" role="group" aria-label={t('app.languageLabel')}>
      {LOCALES.map((option: Locale) => (
        <button
          key={option}
          type="button"
          lang={option}
          class="lang-button"
          aria-pressed={option === locale}
          onClick={() => chooseLocale(option)}
        >
          {LOCALE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}

/** "Sign in" for visitors; the person's name (to their account) and "Sign out" once signed in. */
function AccountNav() {
  const { t } = useI18n();
  const { me, forget } = useSession();
  const { path } = useLocation();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  // Until GET /api/me answers, the place is kept so the header does not jump.
  if (me === undefined) return <div class="account-nav" aria-hidden="true" />;

  const signOut = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await api.signOut();
    } catch (error) {
      // A session that has ended already (401) is as good as signed out.
      if (!(error instanceof ApiError) || error.status !== 401) {
        setFailed(true);
        setBusy(false);
        return;
      }
    }
    setBusy(false);
    forget();
    navigate('/');
    flash('account.signedOut');
  };

  return (
    <nav class="account-nav" aria-label={t('account.nav')}>
      {me ? (
        <>
          <a
            class="account-name"
            href="/me"
            aria-current={path === '/me' ? 'page' : undefined}
            title={me.email ?? undefined}
          >
            <span class="account-icon" aria-hidden="true" />
            <span class="account-name-text">{me.name || me.email || t('me.title')}</span>
          </a>
          <button
            type="button"
            class="button button-quiet button-small"
            disabled={busy}
            onClick={() => void signOut()}
          >
            {t('account.signOut')}
          </button>
          {failed && (
            <p class="account-error" role="alert">
              {t('account.signOutFailed')}
            </p>
          )}
        </>
      ) : (
        <a
          class="button button-small"
          href="/sign-in"
          aria-current={path === '/sign-in' ? 'page' : undefined}
        >
          {t('account.signIn')}
        </a>
      )}
    </nav>
  );
}

/**
 * The signed-in person's own sessions, one click from anywhere. It comes first among the tools,
 * so that on a phone it can share the brand's row instead of adding one to the header.
 */
function MyAgendaLink() {
  const { t } = useI18n();
  const { me } = useSession();
  const { path } = useLocation();
  if (!me) return null;
  return (
    <a
      class="my-agenda-link"
      href="/me/agenda"
      aria-current={path === '/me/agenda' ? 'page' : undefined}
    >
      <span class="calendar-icon" aria-hidden="true" />
      {t('myAgenda.title')}
    </a>
  );
}

export function Header() {
  const { t } = useI18n();
  const { timeZone, timeZoneSource } = useSession();
  const zone = timeZone.replace(/_/g, ' ');
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
        <div class="header-tools">
          <MyAgendaLink />
          <LanguageSwitcher />
          <AccountNav />
        </div>
      </div>
      <div class="tz-note">
        <p class="wrap">
          {timeZoneSource === 'profile'
            ? t('app.timeZoneNoteProfile', { zone })
            : t('app.timeZoneNote', { zone })}
        </p>
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
