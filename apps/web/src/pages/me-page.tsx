import type { CityView, Locale } from '@app/contracts';
import { LOCALES } from '@app/contracts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SignedInOnly } from '../components/signed-in-only';
import type { I18n, MessageKey } from '../i18n';
import { LOCALE_NAMES, useI18n } from '../i18n';
import { api, ApiError } from '../lib/api';
import type { ApiTokenView, CreatedApiToken, MeView, ProfileChanges } from '../lib/api';
import { errorText } from '../lib/errors';
import { useSession } from '../lib/session';
import { browserTimeZone, formatDateTime, supportedTimeZones, zoneOffset } from '../lib/time';
import { useApi } from '../lib/use-api';
import { usePageTitle } from '../lib/use-page-title';

const PROFILE_FIELDS = ['name', 'organisation', 'cityId', 'locale', 'timeZone'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

const FIELD_IDS: Record<ProfileField, string> = {
  name: 'profile-name',
  organisation: 'profile-organisation',
  cityId: 'profile-city',
  locale: 'profile-locale',
  timeZone: 'profile-timezone',
};

const FIELD_ERRORS: Record<ProfileField, MessageKey> = {
  name: 'me.error.name',
  organisation: 'me.error.organisation',
  cityId: 'me.error.cityId',
  locale: 'me.error.locale',
  timeZone: 'me.error.timeZone',
};

interface FieldErrors {
  fields: Partial<Record<ProfileField, string>>;
  /** Details the form cannot pin to one field, shown as the api wrote them. */
  other: string[];
}

/** The api names the property first in each detail ("timeZone must be an IANA time zone …"). */
function fieldErrors(details: string[], { t }: I18n): FieldErrors {
  const result: FieldErrors = { fields: {}, other: [] };
  for (const detail of details) {
    const field = PROFILE_FIELDS.find((name) => detail.startsWith(`${name} `));
    if (field) result.fields[field] = t(FIELD_ERRORS[field]);
    else result.other.push(detail);
  }
  return result;
}

function countryName(code: string, intlLocale: string): string {
  try {
    return new Intl.DisplayNames([intlLocale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function zoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/** Zones grouped by their area ("Africa", "America", …) for a long but navigable select. */
function groupedZones(current: string): [string, string[]][] {
  const zones = supportedTimeZones();
  const all = zones.includes(current) ? zones : [...zones, current].sort();
  const groups = new Map<string, string[]>();
  for (const zone of all) {
    const area = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'UTC';
    const list = groups.get(area) ?? [];
    list.push(zone);
    groups.set(area, list);
  }
  return [...groups.entries()];
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} class="field-error">
      {message}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

function ProfileForm({ me }: { me: MeView }) {
  const i18n = useI18n();
  const { t, intlLocale } = i18n;
  const { update } = useSession();
  const cities = useApi<CityView[]>('cities', (signal) => api.cities(signal));
  const [name, setName] = useState(me.name);
  const [organisation, setOrganisation] = useState(me.organisation);
  const [cityId, setCityId] = useState(me.cityId ?? '');
  const [locale, setFormLocale] = useState(me.locale);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [keyLearningsPdf, setKeyLearningsPdf] = useState(me.keyLearningsPdf);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  // The language can also change from the header's switcher; the form follows it.
  useEffect(() => setFormLocale(me.locale), [me.locale]);

  const zoneGroups = useMemo(() => groupedZones(timeZone), [timeZone]);
  const now = useMemo(() => new Date(), []);
  const deviceZone = browserTimeZone();
  const cityOptions = useMemo(
    () =>
      (cities.data ?? []).map((city) => ({
        id: city.id,
        label: `${city.name} (${countryName(city.country, intlLocale)})`,
      })),
    [cities.data, intlLocale],
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    const changes: ProfileChanges = {};
    if (name !== me.name) changes.name = name.trim();
    if (organisation !== me.organisation) changes.organisation = organisation.trim();
    if (cityId !== (me.cityId ?? '')) changes.cityId = cityId || null;
    if (locale !== me.locale) changes.locale = locale as Locale;
    if (timeZone !== me.timeZone) changes.timeZone = timeZone;
    if (keyLearningsPdf !== me.keyLearningsPdf) changes.keyLearningsPdf = keyLearningsPdf;
    setSaving(true);
    setErrors(null);
    setFailure(null);
    setSaved(false);
    try {
      const updated = Object.keys(changes).length > 0 ? await api.updateMe(changes) : me;
      update(updated);
      setName(updated.name);
      setOrganisation(updated.organisation);
      setKeyLearningsPdf(updated.keyLearningsPdf);
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.details.length > 0) {
        setErrors(fieldErrors(error.details, i18n));
      } else {
        setFailure(errorText(error, i18n));
      }
      // Focus goes to the summary so the list of problems is read and each is one link away.
      window.setTimeout(() => summary.current?.focus(), 0);
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (field: ProfileField) => errors?.fields[field];
  const invalid = (field: ProfileField) => (fieldError(field) ? true : undefined);
  const errorId = (field: ProfileField) => fieldError(field) && `${FIELD_IDS[field]}-error`;

  return (
    <form class="form-card" noValidate onSubmit={(event) => void submit(event)}>
      {(errors || failure) && (
        <div class="notice notice-error error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h3>{t('me.errorSummary')}</h3>
          {failure && <p>{failure}</p>}
          {errors && (
            <ul>
              {PROFILE_FIELDS.filter((field) => errors.fields[field]).map((field) => (
                <li key={field}>
                  <a
                    href={`#${FIELD_IDS[field]}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(FIELD_IDS[field])?.focus();
                    }}
                  >
                    {errors.fields[field]}
                  </a>
                </li>
              ))}
              {errors.other.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div class={`form-field${fieldError('name') ? ' has-error' : ''}`}>
        <label for={FIELD_IDS.name}>{t('me.name')}</label>
        <FieldError id={FIELD_IDS.name} message={fieldError('name')} />
        <input
          id={FIELD_IDS.name}
          type="text"
          autocomplete="name"
          maxLength={160}
          value={name}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy(errorId('name'))}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </div>

      <div class={`form-field${fieldError('organisation') ? ' has-error' : ''}`}>
        <label for={FIELD_IDS.organisation}>{t('me.organisation')}</label>
        <FieldError id={FIELD_IDS.organisation} message={fieldError('organisation')} />
        <input
          id={FIELD_IDS.organisation}
          type="text"
          autocomplete="organization"
          maxLength={200}
          value={organisation}
          aria-invalid={invalid('organisation')}
          aria-describedby={describedBy(errorId('organisation'))}
          onInput={(event) => setOrganisation(event.currentTarget.value)}
        />
      </div>

      <div class={`form-field${fieldError('cityId') ? ' has-error' : ''}`}>
        <label for={FIELD_IDS.cityId}>{t('me.city')}</label>
        <FieldError id={FIELD_IDS.cityId} message={fieldError('cityId')} />
        {cities.status === 'error' && (
          <p id="profile-city-unavailable" class="field-hint">
            {t('me.citiesError')}{' '}
            <button type="button" class="link-button" onClick={cities.retry}>
              {t('status.retry')}
            </button>
          </p>
        )}
        <select
          id={FIELD_IDS.cityId}
          value={cityId}
          aria-invalid={invalid('cityId')}
          aria-describedby={describedBy(
            errorId('cityId'),
            cities.status === 'error' && 'profile-city-unavailable',
          )}
          onChange={(event) => setCityId(event.currentTarget.value)}
        >
          <option value="">{t('me.noCity')}</option>
          {cityId && !cityOptions.some((city) => city.id === cityId) && (
            <option value={cityId}>
              {cities.status === 'loading' ? t('status.loading') : cityId}
            </option>
          )}
          {cityOptions.map((city) => (
            <option key={city.id} value={city.id}>
              {city.label}
            </option>
          ))}
        </select>
      </div>

      <div class={`form-field${fieldError('locale') ? ' has-error' : ''}`}>
        <label for={FIELD_IDS.locale}>{t('me.language')}</label>
        <p id="profile-locale-hint" class="field-hint">
          {t('me.languageHint')}
        </p>
        <FieldError id={FIELD_IDS.locale} message={fieldError('locale')} />
        <select
          id={FIELD_IDS.locale}
          value={locale}
          aria-invalid={invalid('locale')}
          aria-describedby={describedBy('profile-locale-hint', errorId('locale'))}
          onChange={(event) => setFormLocale(event.currentTarget.value)}
        >
          {LOCALES.map((option) => (
            <option key={option} value={option} lang={option}>
              {LOCALE_NAMES[option]}
            </option>
          ))}
        </select>
      </div>

      <div class={`form-field${fieldError('timeZone') ? ' has-error' : ''}`}>
        <label for={FIELD_IDS.timeZone}>{t('me.timeZone')}</label>
        <p id="profile-timezone-hint" class="field-hint">
          {t('me.timeZoneHint')}
        </p>
        <FieldError id={FIELD_IDS.timeZone} message={fieldError('timeZone')} />
        <select
          id={FIELD_IDS.timeZone}
          value={timeZone}
          aria-invalid={invalid('timeZone')}
          aria-describedby={describedBy('profile-timezone-hint', errorId('timeZone'))}
          onChange={(event) => setTimeZone(event.currentTarget.value)}
        >
          {zoneGroups.map(([area, zones]) => (
            <optgroup key={area} label={area}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {`${zoneLabel(zone)} (${zoneOffset(zone, now)})`}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {timeZone !== deviceZone && (
          <p class="field-after">
            <button type="button" class="link-button" onClick={() => setTimeZone(deviceZone)}>
              {t('me.useDeviceZone', { zone: zoneLabel(deviceZone) })}
            </button>
          </p>
        )}
      </div>

      <div class="form-field">
        <div class="checkbox-field">
          <input
            id="profile-key-learnings-pdf"
            type="checkbox"
            checked={keyLearningsPdf}
            aria-describedby="profile-key-learnings-pdf-hint"
            onChange={(event) => setKeyLearningsPdf(event.currentTarget.checked)}
          />
          <label for="profile-key-learnings-pdf">{t('kl.mePdf')}</label>
        </div>
        <p id="profile-key-learnings-pdf-hint" class="field-hint kl-me-hint">
          {t('kl.mePdfHint')}
        </p>
      </div>

      <div class="form-actions">
        <button type="submit" class="button" disabled={saving}>
          {saving ? t('me.saving') : t('me.save')}
        </button>
        <p class="form-status" role="status">
          {saved ? t('me.saved') : ''}
        </p>
      </div>
    </form>
  );
}

function TokenList({
  tokens,
  onRevoke,
  busyId,
}: {
  tokens: ApiTokenView[];
  onRevoke: (token: ApiTokenView) => void;
  busyId: string | null;
}) {
  const { t, intlLocale } = useI18n();
  const { timeZone } = useSession();
  const when = (iso: string) => formatDateTime(iso, intlLocale, timeZone);
  if (tokens.length === 0) return <p class="empty">{t('tokens.none')}</p>;
  return (
    <ul class="token-list" role="list" aria-label={t('tokens.list')}>
      {tokens.map((token) => (
        <li key={token.id} class="token-item">
          <div class="token-text">
            <p class="token-label">{token.label}</p>
            <p class="token-meta">
              {t('tokens.created', { date: when(token.createdAt) })}
              {' · '}
              {token.lastUsedAt
                ? t('tokens.lastUsed', { date: when(token.lastUsedAt) })
                : t('tokens.neverUsed')}
              {' · '}
              {t('tokens.expires', { date: when(token.expiresAt) })}
            </p>
          </div>
          <button
            type="button"
            class="button button-quiet button-danger-quiet"
            disabled={busyId === token.id}
            onClick={() => onRevoke(token)}
          >
            {t('tokens.revoke')}
            <span class="visually-hidden"> {t('tokens.revokeWhich', { label: token.label })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function NewToken({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const field = useRef<HTMLInputElement>(null);
  const copyToken = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopy('copied');
    } catch {
      field.current?.select();
      setCopy('failed');
    }
  };
  return (
    <div class="notice notice-success token-once">
      <h3>{t('tokens.createdTitle', { label: created.label })}</h3>
      <p id="new-token-hint">{t('tokens.copyNow')}</p>
      <label for="new-token">{t('tokens.value')}</label>
      <div class="token-copy">
        <input
          ref={field}
          id="new-token"
          class="token-value"
          type="text"
          readOnly
          value={created.token}
          spellcheck={false}
          autocomplete="off"
          aria-describedby="new-token-hint"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copyToken()}>
          {t('tokens.copy')}
        </button>
      </div>
      <p class="form-status" role="status">
        {copy === 'copied' ? t('tokens.copied') : copy === 'failed' ? t('tokens.copyFailed') : ''}
      </p>
      <p>
        <button type="button" class="button button-quiet" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </p>
    </div>
  );
}

function ApiTokens() {
  const i18n = useI18n();
  const { t } = i18n;
  const [version, setVersion] = useState(0);
  const tokens = useApi(`tokens:${version}`, (signal) => api.tokens(signal));
  const [label, setLabel] = useState('');
  const [labelMissing, setLabelMissing] = useState(false);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const labelInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    const trimmed = label.trim();
    setLabelMissing(trimmed === '');
    setFailure(null);
    setMessage('');
    if (!trimmed) {
      labelInput.current?.focus();
      return;
    }
    setCreating(true);
    try {
      setCreated(await api.createToken(trimmed));
      setLabel('');
      setVersion((n) => n + 1);
      window.setTimeout(() => document.getElementById('new-token')?.focus(), 0);
    } catch (error) {
      setFailure(errorText(error, i18n));
    } finally {
      setCreating(false);
    }
  };

  const revoke = async (token: ApiTokenView) => {
    setBusyId(token.id);
    setFailure(null);
    setMessage('');
    try {
      await api.revokeToken(token.id);
      setMessage(t('tokens.revoked', { label: token.label }));
      setVersion((n) => n + 1);
      // The button is gone with its row; focus returns to the section rather than to the page.
      heading.current?.focus();
    } catch (error) {
      setFailure(errorText(error, i18n));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section class="account-section" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" ref={heading} tabIndex={-1}>
        {t('tokens.title')}
      </h2>
      <p class="section-intro">{t('tokens.intro')}</p>
      {created && <NewToken created={created} onDone={() => setCreated(null)} />}
      <form id="token-form" class="inline-form" noValidate onSubmit={(e) => void create(e)}>
        <div class={`form-field${labelMissing ? ' has-error' : ''}`}>
          <label for="token-label">{t('tokens.label')}</label>
          <p id="token-label-hint" class="field-hint">
            {t('tokens.labelHint')}
          </p>
          {labelMissing && (
            <p id="token-label-error" class="field-error">
              {t('tokens.labelMissing')}
            </p>
          )}
          <div class="inline-form-row">
            <input
              ref={labelInput}
              id="token-label"
              type="text"
              maxLength={100}
              autocomplete="off"
              value={label}
              aria-invalid={labelMissing ? true : undefined}
              aria-describedby={describedBy(
                'token-label-hint',
                labelMissing && 'token-label-error',
              )}
              onInput={(event) => setLabel(event.currentTarget.value)}
            />
            <button type="submit" class="button" disabled={creating}>
              {t('tokens.create')}
            </button>
          </div>
        </div>
      </form>
      <p class="form-status" role="status">
        {message}
      </p>
      {failure && (
        <p class="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      {tokens.status === 'error' && !tokens.data ? (
        <p class="notice notice-error" role="alert">
          {errorText(tokens.error, i18n)}{' '}
          <button type="button" class="link-button" onClick={tokens.retry}>
            {t('status.retry')}
          </button>
        </p>
      ) : tokens.data ? (
        <TokenList tokens={tokens.data} onRevoke={(tk) => void revoke(tk)} busyId={busyId} />
      ) : (
        <p class="status-loading">{t('status.loading')}</p>
      )}
    </section>
  );
}

function Account({ me }: { me: MeView }) {
  const { t } = useI18n();
  const { isProgrammeOrganiser, isOrganiser } = useSession();
  usePageTitle(t('me.title'));
  return (
    <div class="account-page">
      <div class="page-intro">
        <h1>{t('me.title')}</h1>
        {me.email && <p class="lead">{t('me.signedInAs', { email: me.email })}</p>}
      </div>

      <section class="account-section" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('me.profile')}</h2>
        <p class="section-intro">{t('me.profileIntro')}</p>
        <ProfileForm me={me} />
      </section>

      <section class="account-section" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t('me.agenda')}</h2>
        <p class="section-intro">{t('me.agendaIntro')}</p>
        <p>
          <a class="arrow-link" href="/me/agenda">
            {t('myAgenda.title')}
          </a>
        </p>
      </section>

      <ApiTokens />

      <section class="account-section" aria-labelledby="data-heading">
        <h2 id="data-heading">{t('me.yourData')}</h2>
        <p class="section-intro">{t('me.yourDataIntro')}</p>
        <p>
          <a class="arrow-link" href="/me/data">
            {t('data.title')}
          </a>
        </p>
      </section>

      {isOrganiser && (
        <section class="account-section" aria-labelledby="organiser-heading">
          <h2 id="organiser-heading">{t('me.organiser')}</h2>
          <p class="section-intro">
            {isProgrammeOrganiser ? t('me.organiserIntro') : t('me.eventOrganiserIntro')}
          </p>
          <ul class="link-list" role="list">
            <li>
              <a class="arrow-link" href="/organise">
                {t('organise.title')}
              </a>
            </li>
            {isProgrammeOrganiser && (
              <li>
                <a class="arrow-link" href="/admin/mail">
                  {t('mail.title')}
                </a>
              </li>
            )}
          </ul>
        </section>
      )}
    </div>
  );
}

export function MePage() {
  return <SignedInOnly>{(me) => <Account key={me.id} me={me} />}</SignedInOnly>;
}
