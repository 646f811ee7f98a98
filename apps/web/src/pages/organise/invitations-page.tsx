import type {
  EventDetail,
  InvitationImportResult,
  InvitationRole,
  InvitationStatus,
  InvitationView,
} from '@app/contracts';
import { INVITATION_ROLES, INVITATION_STATUSES } from '@app/contracts';
import { useRef, useState } from 'preact/hooks';
import { describedBy, FieldError, SaveError } from '../../components/form-bits';
import { OrganiserOnly, OrganisersOnlyNotice } from '../../components/organiser-only';
import { InlineError, InlineLoading, LoadError, Loading, NotFound } from '../../components/status';
import { useI18n } from '../../i18n';
import { api, ApiError, invitationsApi } from '../../lib/api';
import { useSession } from '../../lib/session';
import { formatDateTime } from '../../lib/time';
import { useApi } from '../../lib/use-api';
import { usePageTitle } from '../../lib/use-page-title';
import type { Errors, FieldSpec, Values } from './fields';
import { Fields, focusFirstError, validate } from './fields';
import { editorHref } from './event-editor-page';
import { EventToolLinks, OrganiseBreadcrumb } from './organise-nav';

/** Answers first, then who is still to answer (whom the reminder button is about). */
const ANSWER_ORDER: readonly InvitationStatus[] = ['accepted', 'declined', 'pending'];

/** Above this the api's body limit would refuse the upload; say so before sending it. */
const MAX_CSV_BYTES = 900_000;

function isRole(value: string): value is InvitationRole {
  return (INVITATION_ROLES as readonly string[]).includes(value);
}

function isStatus(value: string): value is InvitationStatus {
  return (INVITATION_STATUSES as readonly string[]).includes(value);
}

function ImportOutcome({ result, idPrefix }: { result: InvitationImportResult; idPrefix: string }) {
  const { t, plural } = useI18n();
  const parts = [
    plural('invitations.invitedCount', result.invited),
    ...(result.alreadyInvited > 0
      ? [plural('invitations.alreadyCount', result.alreadyInvited)]
      : []),
    ...(result.rejected.length > 0
      ? [plural('invitations.rejectedCount', result.rejected.length)]
      : []),
  ];
  return (
    <div class={`notice ${result.rejected.length > 0 ? 'notice-error' : 'notice-success'}`}>
      <p class="import-summary">{parts.join(' · ')}</p>
      {result.rejected.length > 0 && (
        <div
          class="table-scroll always"
          role="region"
          aria-labelledby={`${idPrefix}-rejected`}
          tabIndex={0}
        >
          <table class="data-table">
            <caption id={`${idPrefix}-rejected`}>{t('invitations.rejectedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.line')}</th>
                <th scope="col">{t('invitations.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rejected.map((line) => (
                <tr key={`${line.line}-${line.reason}`}>
                  <td class="numeric">{line.line}</td>
                  <td>{line.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function InviteOne({ slug, onInvited }: { slug: string; onInvited: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const blank = { name: '', email: '', city: '', role: 'mayor' };
  const [values, setValues] = useState<Values>(blank);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<InvitationImportResult | null>(null);
  const fields: FieldSpec[] = [
    { name: 'name', label: 'invitations.name', type: 'text', required: true, maxLength: 160 },
    { name: 'email', label: 'invitations.email', type: 'email', required: true, maxLength: 320 },
    { name: 'city', label: 'invitations.city', type: 'text', maxLength: 160 },
    {
      name: 'role',
      label: 'invitations.role',
      type: 'select',
      required: true,
      options: INVITATION_ROLES.map((role) => ({
        value: role,
        label: t(`invitationRole.${role}`),
      })),
    },
  ];

  const submit = async (submitted: Event) => {
    submitted.preventDefault();
    const found = validate(fields, values, i18n);
    setErrors(found);
    setFailure(null);
    setResult(null);
    if (Object.keys(found).length > 0) {
      focusFirstError('invitee', fields, found);
      return;
    }
    setBusy(true);
    try {
      const city = values.city.trim();
      setResult(
        await invitationsApi.invite(slug, [
          {
            name: values.name.trim(),
            email: values.email.trim(),
            ...(city ? { city } : {}),
            role: isRole(values.role) ? values.role : 'guest',
          },
        ]),
      );
      setValues(blank);
      onInvited();
      document.getElementById('invitee-name')?.focus();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="editor-section" aria-labelledby="invite-one-heading">
      <h2 id="invite-one-heading">{t('invitations.addOne')}</h2>
      <form class="form-card wide" noValidate onSubmit={(e) => void submit(e)}>
        <Fields
          fields={fields}
          prefix="invitee"
          values={values}
          errors={errors}
          onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
        />
        {Boolean(failure) && <SaveError error={failure} title={t('invitations.notSent')} />}
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {t('invitations.send')}
          </button>
        </div>
        <div role="status">{result && <ImportOutcome result={result} idPrefix="one" />}</div>
      </form>
    </section>
  );
}

function InviteCsv({ slug, onInvited }: { slug: string; onInvited: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<InvitationImportResult | null>(null);

  const submit = async (submitted: Event) => {
    submitted.preventDefault();
    setFailure(null);
    setResult(null);
    const file = input.current?.files?.[0];
    const found = !file
      ? t('invitations.chooseFile')
      : file.size > MAX_CSV_BYTES
        ? t('invitations.fileTooBig')
        : null;
    setProblem(found);
    if (!file || found) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      setResult(await invitationsApi.importCsv(slug, await file.text()));
      if (input.current) input.current.value = '';
      onInvited();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="editor-section" aria-labelledby="invite-csv-heading">
      <h2 id="invite-csv-heading">{t('invitations.csvTitle')}</h2>
      <form class="form-card wide" noValidate onSubmit={(e) => void submit(e)}>
        <div class={`form-field${problem ? ' has-error' : ''}`}>
          <label for="invitations-file">{t('invitations.file')}</label>
          <p id="invitations-file-hint" class="field-hint">
            {t('invitations.csvHint')}
          </p>
          <pre class="csv-example">
            {'name,email,city,role\nAnna Schmidt,mayor@city.example,Mannheim,mayor'}
          </pre>
          <FieldError id="invitations-file-error" message={problem} />
          <input
            ref={input}
            id="invitations-file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy(
              'invitations-file-hint',
              problem && 'invitations-file-error',
            )}
          />
        </div>
        {Boolean(failure) && <SaveError error={failure} title={t('invitations.notSent')} />}
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('invitations.uploading') : t('invitations.upload')}
          </button>
        </div>
        <div role="status">{result && <ImportOutcome result={result} idPrefix="csv" />}</div>
      </form>
    </section>
  );
}

function Reminders({
  slug,
  invited,
  pending,
  onReminded,
}: {
  slug: string;
  invited: number;
  pending: number;
  onReminded: () => void;
}) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  const remind = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const { reminded } = await invitationsApi.remind(slug);
      setMessage(plural('invitations.reminded', reminded));
      setConfirming(false);
      onReminded();
      document.getElementById('remind-start')?.focus();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="reminders">
      <p class="form-status" role="status">
        {message}
      </p>
      {pending === 0 ? (
        <p class="muted">{invited === 0 ? t('invitations.none') : t('invitations.allAnswered')}</p>
      ) : (
        <p>
          <button
            type="button"
            id="remind-start"
            class="button button-quiet"
            aria-expanded={confirming}
            onClick={() => {
              setMessage('');
              setConfirming(!confirming);
            }}
          >
            {t('invitations.remind')}
          </button>
        </p>
      )}
      {confirming && (
        <div class="confirm-box">
          <p>{plural('invitations.remindConfirm', pending)}</p>
          {Boolean(failure) && <SaveError error={failure} title={t('invitations.remindFailed')} />}
          <div class="form-actions">
            <button type="button" class="button" disabled={busy} onClick={() => void remind()}>
              {t('invitations.remindSend')}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setConfirming(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function StatusBadge({ status }: { status: InvitationStatus }) {
  const { t } = useI18n();
  return (
    <span class={`answer answer-${status}`} data-status={status}>
      {t(`invitationStatus.${status}`)}
    </span>
  );
}

function InvitationTable({ rows }: { rows: InvitationView[] }) {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, intlLocale, timeZone) : '—');
  return (
    <>
      <div
        class="table-scroll"
        role="region"
        aria-labelledby="invitation-list-heading"
        tabIndex={0}
      >
        <table class="data-table invitation-table">
          <thead>
            <tr>
              <th scope="col">{t('invitations.name')}</th>
              <th scope="col">{t('invitations.email')}</th>
              <th scope="col">{t('invitations.city')}</th>
              <th scope="col">{t('invitations.role')}</th>
              <th scope="col">{t('invitations.answer')}</th>
              <th scope="col">{t('invitations.invitedAt')}</th>
              <th scope="col">{t('invitations.respondedAt')}</th>
              <th scope="col">{t('invitations.reminders')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-email={row.email}>
                <th scope="row">{row.name}</th>
                <td class="break">{row.email}</td>
                <td>{row.city ?? '—'}</td>
                <td>{t(`invitationRole.${row.role}`)}</td>
                <td>
                  <StatusBadge status={row.status} />
                </td>
                <td class="nowrap">{when(row.invitedAt)}</td>
                <td class="nowrap">{when(row.respondedAt)}</td>
                <td class="numeric">{row.remindersSent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* The same rows as cards, for narrow screens (one of the two is display: none). */}
      <ul class="row-cards" role="list" aria-labelledby="invitation-list-heading">
        {rows.map((row) => (
          <li key={row.id} class="row-card" data-email={row.email}>
            <p class="row-card-head">
              <span class="row-card-title">{row.name}</span>
              <StatusBadge status={row.status} />
            </p>
            <p class="break">{row.email}</p>
            <p class="muted">
              {[t(`invitationRole.${row.role}`), row.city].filter(Boolean).join(' · ')}
            </p>
            <p class="muted small">
              {t('invitations.invitedOn', { date: when(row.invitedAt) })}
              {row.respondedAt && (
                <> · {t('invitations.answeredOn', { date: when(row.respondedAt) })}</>
              )}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Invitations({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const slug = event.slug;
  const [version, setVersion] = useState(0);
  const list = useApi(`invitations:${slug}:${version}`, (signal) =>
    invitationsApi.list(slug, signal),
  );
  const [filter, setFilter] = useState<InvitationStatus | ''>('');
  const forbidden =
    list.status === 'error' && list.error instanceof ApiError && list.error.status === 403;
  usePageTitle(forbidden ? null : t('invitations.documentTitle', { title: event.title }));
  if (forbidden) return <OrganisersOnlyNotice />;

  const reload = () => setVersion((n) => n + 1);
  const counts = list.data?.counts;
  const rows = (list.data?.invitations ?? []).filter((row) => !filter || row.status === filter);

  return (
    <div class="organise-page">
      <OrganiseBreadcrumb event={event} page={t('invitations.title')} />
      <div class="page-intro">
        <h1>{t('invitations.title')}</h1>
        <p class="lead">{t('invitations.intro', { title: event.title })}</p>
      </div>
      <EventToolLinks slug={slug} current={`${editorHref(slug)}/invitations`} />

      <section class="editor-section" aria-labelledby="answers-heading">
        <div class="section-head">
          <h2 id="answers-heading">{t('invitations.answers')}</h2>
          <button type="button" class="button button-quiet button-small" onClick={reload}>
            {t('mail.refresh')}
          </button>
        </div>
        {list.status === 'error' && !list.data ? (
          <InlineError onRetry={list.retry} />
        ) : (
          <>
            <dl class="mail-counts answer-counts" aria-busy={list.status === 'loading'}>
              {ANSWER_ORDER.map((status) => (
                <div key={status} class={`mail-count answer-count-${status}`} data-status={status}>
                  <dt>{t(`invitationStatus.${status}`)}</dt>
                  <dd>{counts ? counts[status] : '…'}</dd>
                </div>
              ))}
            </dl>
            {counts && (
              <Reminders
                slug={slug}
                invited={ANSWER_ORDER.reduce((sum, status) => sum + counts[status], 0)}
                pending={counts.pending}
                onReminded={reload}
              />
            )}
          </>
        )}
      </section>

      <InviteOne slug={slug} onInvited={reload} />
      <InviteCsv slug={slug} onInvited={reload} />

      {/* Not a landmark itself: the scrolling table inside is the region named by this heading. */}
      <section class="editor-section">
        <h2 id="invitation-list-heading">{t('invitations.list')}</h2>
        <div class="form-field compact">
          <label for="invitation-filter">{t('mail.filter')}</label>
          <select
            id="invitation-filter"
            value={filter}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setFilter(isStatus(value) ? value : '');
            }}
          >
            <option value="">{t('invitations.allAnswers')}</option>
            {INVITATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`invitationStatus.${status}`)}
              </option>
            ))}
          </select>
        </div>
        {!list.data ? (
          list.status === 'error' ? null : (
            <InlineLoading />
          )
        ) : rows.length === 0 ? (
          <p class="empty">{t('invitations.none')}</p>
        ) : (
          <InvitationTable rows={rows} />
        )}
      </section>
    </div>
  );
}

function LoadedInvitations({ slug }: { slug: string }) {
  const { t } = useI18n();
  const event = useApi(`editor-event:${slug}`, (signal) => api.freshEvent(slug, signal));
  if (event.status === 'error' && event.error instanceof ApiError && event.error.isNotFound) {
    return (
      <NotFound title={t('agenda.notFoundTitle')}>
        <p>{t('agenda.notFoundBody', { slug })}</p>
      </NotFound>
    );
  }
  if (event.status === 'error' && !event.data) {
    return <LoadError error={event.error} onRetry={event.retry} />;
  }
  if (!event.data) return <Loading />;
  return <Invitations event={event.data} />;
}

export function InvitationsPage({ slug }: { slug: string }) {
  return <OrganiserOnly eventSlug={slug}>{() => <LoadedInvitations slug={slug} />}</OrganiserOnly>;
}
