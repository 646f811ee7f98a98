import type { MailState } from '@app/contracts';
import { MAIL_STATES } from '@app/contracts';
import { useRef, useState } from 'preact/hooks';
import { SignedInOnly } from '../components/signed-in-only';
import { useI18n } from '../i18n';
import { api, ApiError, QUEUE_DASHBOARD_URL } from '../lib/api';
import type { MailRowView } from '../lib/api';
import { errorText } from '../lib/errors';
import { replaceQuery } from '../lib/router';
import { useSession } from '../lib/session';
import { formatDateTime } from '../lib/time';
import { useApi } from '../lib/use-api';
import { usePageTitle } from '../lib/use-page-title';

/** States a mail can be sent again from: failed (same mail) and sent (a new copy). */
const RESENDABLE: readonly MailState[] = ['failed', 'sent'];

function isMailState(value: string | null): value is MailState {
  return (MAIL_STATES as readonly (string | null)[]).includes(value);
}

function OrganisersOnly() {
  const { t } = useI18n();
  usePageTitle(t('mail.organisersOnlyTitle'));
  return (
    <div class="notice narrow">
      <h1>{t('mail.organisersOnlyTitle')}</h1>
      <p>{t('mail.organisersOnly')}</p>
      <p>
        <a href="/me">{t('me.title')}</a>
      </p>
    </div>
  );
}

function Counts({ version }: { version: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const summary = useApi(`mail-summary:${version}`, (signal) => api.mailSummary(signal));
  if (summary.status === 'error' && !summary.data) {
    return (
      <p class="notice notice-error" role="alert">
        {errorText(summary.error, i18n)}{' '}
        <button type="button" class="link-button" onClick={summary.retry}>
          {t('status.retry')}
        </button>
      </p>
    );
  }
  const numberFormat = new Intl.NumberFormat(i18n.intlLocale);
  return (
    <dl class="mail-counts" aria-busy={summary.status === 'loading'}>
      {MAIL_STATES.map((state) => (
        <div key={state} class={`mail-count mail-count-${state}`} data-state={state}>
          <dt>{t(`mail.state.${state}`)}</dt>
          <dd>{summary.data ? numberFormat.format(summary.data[state] ?? 0) : '…'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An address that may wrap before its "@" on narrow screens, but never inside a word. */
function EmailAddress({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  if (at <= 0) return <>{address}</>;
  return (
    <>
      <span class="nowrap">{address.slice(0, at)}</span>
      <wbr />
      <span class="nowrap">{address.slice(at)}</span>
    </>
  );
}

function MailTable({
  rows,
  busyId,
  onResend,
}: {
  rows: MailRowView[];
  busyId: string | null;
  onResend: (row: MailRowView) => void;
}) {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, intlLocale, timeZone) : '—');
  return (
    <div class="table-scroll" role="region" aria-labelledby="mail-list-heading" tabIndex={0}>
      <table class="mail-table">
        <thead>
          <tr>
            <th scope="col">{t('mail.recipient')}</th>
            <th scope="col">{t('mail.stateColumn')}</th>
            <th scope="col">{t('mail.template')}</th>
            <th scope="col">{t('mail.attempts')}</th>
            <th scope="col">{t('mail.error')}</th>
            <th scope="col">{t('mail.created')}</th>
            <th scope="col">{t('mail.sentAt')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('mail.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-mail-id={row.id}>
              <td class="mail-recipient">
                <EmailAddress address={row.recipientEmail} />
              </td>
              <td>
                <span class={`mail-state mail-state-${row.state}`}>
                  {t(`mail.rowState.${row.state}`)}
                </span>
              </td>
              <td class="nowrap">
                <code>{row.template}</code>
              </td>
              <td class="numeric">{row.attempts}</td>
              <td class="mail-error">{row.lastError ?? '—'}</td>
              <td class="nowrap">{when(row.createdAt)}</td>
              <td class="nowrap">{when(row.sentAt)}</td>
              <td>
                <ResendButton row={row} busyId={busyId} onResend={onResend} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResendButton({
  row,
  busyId,
  onResend,
}: {
  row: MailRowView;
  busyId: string | null;
  onResend: (row: MailRowView) => void;
}) {
  const { t } = useI18n();
  if (!RESENDABLE.includes(row.state)) return null;
  return (
    <button
      type="button"
      class="button button-small"
      disabled={busyId === row.id}
      onClick={() => onResend(row)}
    >
      {t('mail.sendAgain')}
      <span class="visually-hidden"> {t('mail.sendAgainTo', { email: row.recipientEmail })}</span>
    </button>
  );
}

/** The same rows as cards, for narrow screens where eight columns do not fit. */
function MailCards({
  rows,
  busyId,
  onResend,
}: {
  rows: MailRowView[];
  busyId: string | null;
  onResend: (row: MailRowView) => void;
}) {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, intlLocale, timeZone) : '—');
  return (
    <ul class="mail-cards" role="list" aria-labelledby="mail-list-heading">
      {rows.map((row) => (
        <li key={row.id} class="mail-card">
          <p class="mail-card-head">
            <span class="mail-card-recipient">
              <EmailAddress address={row.recipientEmail} />
            </span>
            <span class={`mail-state mail-state-${row.state}`}>
              {t(`mail.rowState.${row.state}`)}
            </span>
          </p>
          {row.lastError && <p class="mail-error">{row.lastError}</p>}
          <dl class="mail-facts">
            <div>
              <dt>{t('mail.template')}</dt>
              <dd>
                <code>{row.template}</code>
              </dd>
            </div>
            <div>
              <dt>{t('mail.attempts')}</dt>
              <dd>{row.attempts}</dd>
            </div>
            <div>
              <dt>{t('mail.created')}</dt>
              <dd>{when(row.createdAt)}</dd>
            </div>
            {row.sentAt && (
              <div>
                <dt>{t('mail.sentAt')}</dt>
                <dd>{when(row.sentAt)}</dd>
              </div>
            )}
          </dl>
          <ResendButton row={row} busyId={busyId} onResend={onResend} />
        </li>
      ))}
    </ul>
  );
}

function MailAdmin({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(t('mail.title'));
  const requested = query.get('state');
  // Failed mails are what an organiser comes here for; "all" is asked for explicitly.
  const state: MailState | '' =
    requested === 'all' ? '' : isMailState(requested) ? requested : 'failed';
  const [version, setVersion] = useState(0);
  const rows = useApi(`mails:${state}:${version}`, (signal) => api.mails(state, signal));
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  if (rows.status === 'error' && rows.error instanceof ApiError && rows.error.status === 403) {
    return <OrganisersOnly />;
  }

  const resend = async (row: MailRowView) => {
    setBusyId(row.id);
    setMessage('');
    setFailure(null);
    try {
      await api.resendMail(row.id);
      setMessage(t('mail.sentAgain', { email: row.recipientEmail }));
      setVersion((n) => n + 1);
      heading.current?.focus();
    } catch (error) {
      setFailure(errorText(error, i18n));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div class="mail-admin">
      <nav class="breadcrumb" aria-label={t('agenda.breadcrumb')}>
        <ol>
          <li>
            <a href="/me">{t('me.title')}</a>
          </li>
          <li aria-current="page">{t('mail.title')}</li>
        </ol>
      </nav>
      <div class="page-intro">
        <h1>{t('mail.title')}</h1>
        <p class="lead">{t('mail.intro')}</p>
        <p>
          <a class="arrow-link" href={QUEUE_DASHBOARD_URL}>
            {t('mail.dashboard')}
          </a>{' '}
          <span class="field-hint">{t('mail.dashboardHint')}</span>
        </p>
      </div>

      <section class="account-section" aria-labelledby="mail-counts-heading">
        <div class="section-head">
          <h2 id="mail-counts-heading">{t('mail.counts')}</h2>
          <button
            type="button"
            class="button button-quiet button-small"
            onClick={() => setVersion((n) => n + 1)}
          >
            {t('mail.refresh')}
          </button>
        </div>
        <Counts version={version} />
      </section>

      {/* Not a landmark itself: the scrolling table inside is the region named by this heading. */}
      <section class="account-section">
        <h2 id="mail-list-heading" ref={heading} tabIndex={-1}>
          {state ? t('mail.listOf', { state: t(`mail.state.${state}`) }) : t('mail.listAll')}
        </h2>
        <div class="field mail-filter">
          <label for="mail-state">{t('mail.filter')}</label>
          <select
            id="mail-state"
            value={state || 'all'}
            onChange={(event) => {
              setMessage('');
              replaceQuery({ state: event.currentTarget.value });
            }}
          >
            <option value="all">{t('mail.allStates')}</option>
            {MAIL_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`mail.state.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <p class="form-status" role="status">
          {message}
        </p>
        {failure && (
          <p class="notice notice-error" role="alert">
            {failure}
          </p>
        )}
        {rows.status === 'error' && !rows.data ? (
          <p class="notice notice-error" role="alert">
            {errorText(rows.error, i18n)}{' '}
            <button type="button" class="link-button" onClick={rows.retry}>
              {t('status.retry')}
            </button>
          </p>
        ) : !rows.data ? (
          <p class="status-loading">{t('status.loading')}</p>
        ) : rows.data.length === 0 ? (
          <p class="empty">{t('mail.none')}</p>
        ) : (
          <>
            {/* One of the two is shown, by screen width; the other is display: none. */}
            <MailTable rows={rows.data} busyId={busyId} onResend={(row) => void resend(row)} />
            <MailCards rows={rows.data} busyId={busyId} onResend={(row) => void resend(row)} />
          </>
        )}
      </section>
    </div>
  );
}

export function MailAdminPage({ query }: { query: URLSearchParams }) {
  const { isProgrammeOrganiser } = useSession();
  return (
    <SignedInOnly>
      {() => (isProgrammeOrganiser ? <MailAdmin query={query} /> : <OrganisersOnly />)}
    </SignedInOnly>
  );
}
