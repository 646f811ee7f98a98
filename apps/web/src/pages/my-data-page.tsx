import { CURRENT_CONSENT_WORDING } from '@app/contracts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { SignedInOnly } from '../components/signed-in-only';
import { useI18n } from '../i18n';
import { api, EXPORT_URL } from '../lib/api';
import type { ConsentView, MeView } from '../lib/api';
import { errorText } from '../lib/errors';
import { flash } from '../lib/flash';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { formatDateTime } from '../lib/time';
import { useApi } from '../lib/use-api';
import { usePageTitle } from '../lib/use-page-title';

const PURPOSE = 'programme-updates';
const WORDING = CURRENT_CONSENT_WORDING[PURPOSE];

/** The latest record for the purpose: it says whether consent stands now. */
function latestConsent(consents: ConsentView[]): ConsentView | undefined {
  return consents
    .filter((consent) => consent.purpose === PURPOSE)
    .sort((a, b) => b.grantedAt.localeCompare(a.grantedAt))[0];
}

function Download() {
  const { t } = useI18n();
  return (
    <section class="account-section" aria-labelledby="download-heading">
      <h2 id="download-heading">{t('data.download')}</h2>
      <p class="section-intro">{t('data.downloadIntro')}</p>
      <p>
        <a class="button" href={EXPORT_URL} download>
          {t('data.downloadLink')}
        </a>
      </p>
    </section>
  );
}

function Consent() {
  const i18n = useI18n();
  const { t, intlLocale } = i18n;
  const { timeZone } = useSession();
  const [version, setVersion] = useState(0);
  const consents = useApi(`consents:${version}`, (signal) => api.consents(signal));
  const latest = consents.data ? latestConsent(consents.data) : undefined;
  const active = Boolean(latest && !latest.withdrawnAt);
  const current = active && latest?.wordingVersion === WORDING;
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  // The box shows what is recorded each time the record is (re)loaded.
  useEffect(() => {
    if (consents.status === 'ready') setChecked(current);
  }, [consents.status, current]);

  const when = (iso: string) => formatDateTime(iso, intlLocale, timeZone);

  const save = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    setMessage('');
    if (checked === current) {
      setMessage(t('data.consentUnchanged'));
      return;
    }
    setSaving(true);
    try {
      if (checked) await api.grantConsent(PURPOSE, WORDING);
      else await api.withdrawConsent(PURPOSE);
      setMessage(checked ? t('data.consentGranted') : t('data.consentWithdrawnNow'));
      setVersion((n) => n + 1);
    } catch (error) {
      setFailure(errorText(error, i18n));
    } finally {
      setSaving(false);
    }
  };

  let record: string;
  if (!latest) record = t('data.consentNone');
  else if (latest.withdrawnAt)
    record = t('data.consentWithdrawn', { date: when(latest.withdrawnAt) });
  else {
    record = t('data.consentRecorded', {
      date: when(latest.grantedAt),
      version: latest.wordingVersion,
    });
  }

  return (
    <section class="account-section" aria-labelledby="consent-heading">
      <h2 id="consent-heading">{t('data.consentTitle')}</h2>
      {consents.status === 'error' && !consents.data ? (
        <p class="notice notice-error" role="alert">
          {errorText(consents.error, i18n)}{' '}
          <button type="button" class="link-button" onClick={consents.retry}>
            {t('status.retry')}
          </button>
        </p>
      ) : !consents.data ? (
        <p class="status-loading">{t('status.loading')}</p>
      ) : (
        <form class="form-card" onSubmit={(event) => void save(event)}>
          <div class="checkbox-field">
            <input
              id="consent-updates"
              type="checkbox"
              checked={checked}
              aria-describedby="consent-record consent-wording"
              onChange={(event) => setChecked(event.currentTarget.checked)}
            />
            <label for="consent-updates">{t('data.consentLabel')}</label>
          </div>
          <p id="consent-record" class="consent-record">
            {record}
            {active && !current && (
              <> {t('data.consentOldWording', { version: latest?.wordingVersion ?? '' })}</>
            )}
          </p>
          <p id="consent-wording" class="field-hint">
            {t('data.consentWording', { version: WORDING })}
          </p>
          <div class="form-actions">
            <button type="submit" class="button" disabled={saving}>
              {t('data.consentSave')}
            </button>
            <p class="form-status" role="status">
              {message}
            </p>
          </div>
          {failure && (
            <p class="notice notice-error" role="alert">
              {failure}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

function Erase({ me }: { me: MeView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { forget } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const expected = (me.email ?? '').trim().toLowerCase();

  useLayoutEffect(() => {
    if (confirming) input.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    setTyped('');
    setMismatch(false);
    setFailure(null);
    window.setTimeout(() => start.current?.focus(), 0);
  };

  const erase = async (event: Event) => {
    event.preventDefault();
    const ok = expected !== '' && typed.trim().toLowerCase() === expected;
    setMismatch(!ok);
    setFailure(null);
    if (!ok) {
      input.current?.focus();
      return;
    }
    setErasing(true);
    try {
      await api.eraseMe();
      forget();
      navigate('/');
      flash('account.erased');
    } catch (error) {
      setFailure(errorText(error, i18n));
      setErasing(false);
    }
  };

  return (
    <section class="account-section danger-zone" aria-labelledby="erase-heading">
      <h2 id="erase-heading">{t('data.eraseTitle')}</h2>
      <p class="section-intro">{t('data.eraseIntro')}</p>
      {!confirming ? (
        <p>
          <button
            ref={start}
            type="button"
            class="button button-danger"
            onClick={() => setConfirming(true)}
          >
            {t('data.eraseStart')}
          </button>
        </p>
      ) : (
        <form class="form-card" noValidate onSubmit={(event) => void erase(event)}>
          <div class={`form-field${mismatch ? ' has-error' : ''}`}>
            <label for="erase-confirm">
              {t('data.eraseConfirmLabel', { email: me.email ?? '' })}
            </label>
            {mismatch && (
              <p id="erase-confirm-error" class="field-error">
                {t('data.eraseMismatch')}
              </p>
            )}
            <input
              ref={input}
              id="erase-confirm"
              type="email"
              autocomplete="off"
              spellcheck={false}
              autoCapitalize="none"
              value={typed}
              aria-invalid={mismatch ? true : undefined}
              aria-describedby={mismatch ? 'erase-confirm-error' : undefined}
              onInput={(event) => setTyped(event.currentTarget.value)}
            />
          </div>
          {failure && (
            <p class="notice notice-error" role="alert">
              {failure}
            </p>
          )}
          <div class="form-actions">
            <button type="submit" class="button button-danger" disabled={erasing}>
              {t('data.eraseConfirm')}
            </button>
            <button type="button" class="button button-quiet" onClick={cancel}>
              {t('data.eraseCancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function MyData({ me }: { me: MeView }) {
  const { t } = useI18n();
  usePageTitle(t('data.title'));
  return (
    <div class="account-page">
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/me">{t('me.title')}</a>
          </li>
          <li aria-current="page">{t('data.title')}</li>
        </ol>
      </nav>
      <div class="page-intro">
        <h1>{t('data.title')}</h1>
        <p class="lead">{t('me.yourDataIntro')}</p>
      </div>
      <Download />
      <Consent />
      <Erase me={me} />
    </div>
  );
}

export function MyDataPage() {
  return <SignedInOnly>{(me) => <MyData key={me.id} me={me} />}</SignedInOnly>;
}
