import type { CityView, SpeakerAdminView } from '@app/contracts';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describedBy, FieldError, SaveError } from '../../components/form-bits';
import { OrganiserOnly, OrganisersOnlyNotice } from '../../components/organiser-only';
import { InlineError, InlineLoading } from '../../components/status';
import { useI18n } from '../../i18n';
import { api, ApiError, programmeApi } from '../../lib/api';
import type { SpeakerInput } from '../../lib/api';
import { replaceQuery } from '../../lib/router';
import {
  browserTimeZone,
  dateInZone,
  formatDateTime,
  formatShortDate,
  formatTimeRange,
  wallClock,
  zoneCity,
  zonedToUtc,
} from '../../lib/time';
import { useApi } from '../../lib/use-api';
import { usePageTitle } from '../../lib/use-page-title';
import type { Errors, FieldSpec, Values } from './fields';
import { Fields, nullable, validate } from './fields';
import { OrganiseBreadcrumb } from './organise-nav';

/** Events are planned in Brussels time; a person's availability is usually given in it too. */
const DEFAULT_ZONE = 'Europe/Brussels';

interface WindowRow {
  key: number;
  from: string;
  to: string;
}

let windowKeys = 0;

function toLocalInput(iso: string, zone: string): string {
  const { date, time } = wallClock(iso, zone);
  return `${date}T${time}`;
}

function fromLocalInput(value: string, zone: string): string {
  const [date, time] = value.split('T');
  return zonedToUtc(date, time, zone).toISOString();
}

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function WindowText({
  window: w,
  zone,
}: {
  window: { startsAt: string; endsAt: string };
  zone: string;
}) {
  const { intlLocale } = useI18n();
  const start = new Date(w.startsAt);
  const end = new Date(w.endsAt);
  const startDate = dateInZone(start, zone);
  const endDate = dateInZone(end, zone);
  if (startDate === endDate) {
    return (
      <>
        {formatShortDate(startDate, intlLocale)}, {formatTimeRange(start, end, intlLocale, zone)}
      </>
    );
  }
  return (
    <>
      {formatDateTime(start, intlLocale, zone)} – {formatDateTime(end, intlLocale, zone)}
    </>
  );
}

function SpeakerForm({
  speaker,
  cities,
  zone,
  onSaved,
  onClose,
}: {
  speaker: SpeakerAdminView | null;
  cities: CityView[] | undefined;
  zone: string;
  onSaved: (saved: SpeakerAdminView) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [values, setValues] = useState<Values>(() => ({
    name: speaker?.name ?? '',
    title: speaker?.title ?? '',
    organisation: speaker?.organisation ?? '',
    email: speaker?.email ?? '',
    cityId: speaker?.cityId ?? '',
    bio: speaker?.bio ?? '',
  }));
  const [windows, setWindows] = useState<WindowRow[]>(() =>
    (speaker?.availability ?? []).map((w) => ({
      key: ++windowKeys,
      from: toLocalInput(w.startsAt, zone),
      to: toLocalInput(w.endsAt, zone),
    })),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [windowError, setWindowError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);

  const fields: FieldSpec[] = [
    { name: 'name', label: 'speakers.name', type: 'text', required: true, maxLength: 160 },
    { name: 'title', label: 'speakers.jobTitle', type: 'text', maxLength: 200 },
    { name: 'organisation', label: 'speakers.organisation', type: 'text', maxLength: 200 },
    {
      name: 'email',
      label: 'speakers.email',
      type: 'email',
      maxLength: 320,
      hint: 'speakers.emailHint',
    },
    {
      name: 'cityId',
      label: 'speakers.city',
      type: 'select',
      options: [
        { value: '', label: t('me.noCity') },
        ...(cities ?? []).map((city) => ({ value: city.id, label: city.name })),
      ],
    },
    { name: 'bio', label: 'speakers.bio', type: 'textarea' },
  ];

  const addWindow = () => {
    const key = ++windowKeys;
    setWindows((rows) => [...rows, { key, from: '', to: '' }]);
    window.setTimeout(() => document.getElementById(`window-from-${key}`)?.focus(), 0);
  };

  const submit = async (submitted: Event) => {
    submitted.preventDefault();
    const found = validate(fields, values, i18n);
    const badWindow = windows.find(
      (w) => !LOCAL_INPUT.test(w.from) || !LOCAL_INPUT.test(w.to) || w.to <= w.from,
    );
    setErrors(found);
    setWindowError(badWindow ? t('speakers.windowInvalid') : null);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      document.getElementById(`speaker-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    if (badWindow) {
      document.getElementById(`window-from-${badWindow.key}`)?.focus();
      return;
    }
    const body: SpeakerInput = {
      name: values.name.trim(),
      title: nullable(values.title),
      organisation: nullable(values.organisation),
      bio: nullable(values.bio),
      cityId: nullable(values.cityId),
      email: nullable(values.email),
      availability: windows.map((w) => ({
        startsAt: fromLocalInput(w.from, zone),
        endsAt: fromLocalInput(w.to, zone),
      })),
    };
    setBusy(true);
    try {
      onSaved(
        speaker
          ? await programmeApi.updateSpeaker(speaker.id, body)
          : await programmeApi.createSpeaker(body),
      );
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form
      class="form-card wide speaker-form"
      noValidate
      aria-labelledby="speaker-form-heading"
      onSubmit={(e) => void submit(e)}
    >
      <h2 id="speaker-form-heading" ref={heading} tabIndex={-1}>
        {speaker ? t('speakers.editTitle', { name: speaker.name }) : t('speakers.newTitle')}
      </h2>
      <Fields
        fields={fields}
        prefix="speaker"
        values={values}
        errors={errors}
        onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
      />
      <fieldset
        class={`form-group${windowError ? ' has-error' : ''}`}
        aria-describedby={describedBy('windows-hint', windowError && 'windows-error')}
      >
        <legend>{t('speakers.availability')}</legend>
        <p id="windows-hint" class="field-hint">
          {t('speakers.availabilityHint', { city: zoneCity(zone, locale), zone })}
        </p>
        <FieldError id="windows-error" message={windowError} />
        {windows.length === 0 && <p class="empty">{t('speakers.anyTime')}</p>}
        {windows.map((row, index) => (
          <div key={row.key} class="window-row">
            <div class="form-field">
              <label for={`window-from-${row.key}`}>
                {t('speakers.windowFrom', { n: index + 1 })}
              </label>
              <input
                id={`window-from-${row.key}`}
                type="datetime-local"
                value={row.from}
                onInput={(e) => {
                  const from = e.currentTarget.value;
                  setWindows((rows) => rows.map((r) => (r.key === row.key ? { ...r, from } : r)));
                }}
              />
            </div>
            <div class="form-field">
              <label for={`window-to-${row.key}`}>{t('speakers.windowTo', { n: index + 1 })}</label>
              <input
                id={`window-to-${row.key}`}
                type="datetime-local"
                value={row.to}
                onInput={(e) => {
                  const to = e.currentTarget.value;
                  setWindows((rows) => rows.map((r) => (r.key === row.key ? { ...r, to } : r)));
                }}
              />
            </div>
            <button
              type="button"
              class="button button-quiet button-small button-danger-quiet"
              onClick={() => {
                setWindows((rows) => rows.filter((r) => r.key !== row.key));
                window.setTimeout(() => document.getElementById('add-window')?.focus(), 0);
              }}
            >
              {t('speakers.removeWindow', { n: index + 1 })}
            </button>
          </div>
        ))}
        <p>
          <button
            type="button"
            id="add-window"
            class="button button-quiet button-small"
            onClick={addWindow}
          >
            {t('speakers.addWindow')}
          </button>
        </p>
      </fieldset>
      {Boolean(failure) && <SaveError error={failure} title={t('speakers.notSaved')} />}
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {speaker ? t('form.save') : t('speakers.add')}
        </button>
        <button type="button" class="button button-quiet" onClick={onClose}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

function Speakers({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [version, setVersion] = useState(0);
  const speakers = useApi(`speakers:${version}`, (signal) => programmeApi.speakers(signal));
  const cities = useApi('cities', (signal) => api.cities(signal));
  const events = useApi('events', (signal) => api.events(signal));
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState('');
  const [formKey, setFormKey] = useState(0);
  const forbidden =
    speakers.status === 'error' &&
    speakers.error instanceof ApiError &&
    speakers.error.status === 403;
  usePageTitle(forbidden ? null : t('speakers.title'));

  const zones = useMemo(() => {
    const set = new Set([DEFAULT_ZONE, ...(events.data ?? []).map((e) => e.timeZone)]);
    set.add(browserTimeZone());
    return [...set];
  }, [events.data]);
  const [zone, setZone] = useState(DEFAULT_ZONE);
  const cityNames = useMemo(
    () => new Map((cities.data ?? []).map((city) => [city.id, city.name])),
    [cities.data],
  );

  if (forbidden) return <OrganisersOnlyNotice />;

  const opened = query.get('speaker');
  const open = (id: string) => {
    setFormKey((n) => n + 1);
    setMessage('');
    replaceQuery({ speaker: id });
  };
  const close = (focusId: string) => {
    replaceQuery({ speaker: null });
    window.setTimeout(() => document.getElementById(focusId)?.focus(), 0);
  };

  const needle = filter.trim().toLocaleLowerCase(i18n.intlLocale);
  const shown = (speakers.data ?? [])
    .filter((s) =>
      needle
        ? [s.name, s.organisation ?? '', s.email ?? ''].some((text) =>
            text.toLocaleLowerCase(i18n.intlLocale).includes(needle),
          )
        : true,
    )
    .sort((a, b) => a.name.localeCompare(b.name, i18n.intlLocale));
  const editing =
    opened && opened !== 'new' ? speakers.data?.find((s) => s.id === opened) : undefined;

  return (
    <div class="organise-page">
      <OrganiseBreadcrumb page={t('speakers.title')} />
      <div class="page-intro">
        <h1>{t('speakers.title')}</h1>
        <p class="lead">{t('speakers.intro')}</p>
      </div>

      <div class="toolbar">
        <button type="button" id="add-speaker" class="button" onClick={() => open('new')}>
          {t('speakers.addPerson')}
        </button>
        <div class="form-field compact">
          <label for="speaker-zone">{t('speakers.zone')}</label>
          <select id="speaker-zone" value={zone} onChange={(e) => setZone(e.currentTarget.value)}>
            {zones.map((value) => (
              <option key={value} value={value}>
                {value === browserTimeZone() && value !== DEFAULT_ZONE
                  ? t('speakers.zoneBrowser', { zone: value.replace(/_/g, ' ') })
                  : t('speakers.zoneEvent', {
                      city: zoneCity(value, locale),
                      zone: value.replace(/_/g, ' '),
                    })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="form-status" role="status">
        {message}
      </p>

      {opened === 'new' && (
        <SpeakerForm
          key={`new-${formKey}-${zone}`}
          speaker={null}
          cities={cities.data}
          zone={zone}
          onSaved={(saved) => {
            setMessage(t('speakers.added', { name: saved.name }));
            setVersion((n) => n + 1);
            close('add-speaker');
          }}
          onClose={() => close('add-speaker')}
        />
      )}
      {editing && (
        <SpeakerForm
          key={`${editing.id}-${formKey}-${zone}`}
          speaker={editing}
          cities={cities.data}
          zone={zone}
          onSaved={(saved) => {
            setMessage(t('speakers.saved', { name: saved.name }));
            setVersion((n) => n + 1);
            close(`edit-speaker-${saved.id}`);
          }}
          onClose={() => close(`edit-speaker-${editing.id}`)}
        />
      )}

      <section class="editor-section" aria-labelledby="speaker-list-heading">
        <h2 id="speaker-list-heading">{t('speakers.list')}</h2>
        <div class="form-field compact">
          <label for="speaker-filter">{t('speakers.filter')}</label>
          <input
            id="speaker-filter"
            type="search"
            value={filter}
            autocomplete="off"
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </div>
        {speakers.status === 'error' && !speakers.data ? (
          <InlineError onRetry={speakers.retry} />
        ) : !speakers.data ? (
          <InlineLoading />
        ) : shown.length === 0 ? (
          <p class="empty">{needle ? t('speakers.noMatch') : t('speakers.none')}</p>
        ) : (
          <ul class="speaker-list" role="list">
            {shown.map((speaker) => {
              const affiliation = [speaker.title, speaker.organisation].filter(Boolean).join(', ');
              const city = speaker.cityId ? cityNames.get(speaker.cityId) : undefined;
              return (
                <li key={speaker.id} class="speaker-card">
                  <div class="speaker-head">
                    <p class="person-name">{speaker.name}</p>
                    <a
                      id={`edit-speaker-${speaker.id}`}
                      class="button button-quiet button-small"
                      href={`/organise/speakers?speaker=${encodeURIComponent(speaker.id)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        open(speaker.id);
                      }}
                    >
                      {t('form.edit')}
                      <span class="visually-hidden"> {speaker.name}</span>
                    </a>
                  </div>
                  {affiliation && <p class="person-affiliation">{affiliation}</p>}
                  {city && <p class="person-city">{city}</p>}
                  <p class="speaker-email">
                    {speaker.email ? (
                      <a href={`mailto:${speaker.email}`}>{speaker.email}</a>
                    ) : (
                      <span class="muted">{t('speakers.noEmail')}</span>
                    )}
                  </p>
                  <div class="speaker-availability">
                    <p class="small-label">{t('speakers.availability')}</p>
                    {speaker.availability.length === 0 ? (
                      <p class="muted">{t('speakers.anyTime')}</p>
                    ) : (
                      <ul role="list">
                        {speaker.availability.map((w) => (
                          <li key={`${w.startsAt}-${w.endsAt}`}>
                            <WindowText window={w} zone={zone} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

export function SpeakersPage({ query }: { query: URLSearchParams }) {
  return <OrganiserOnly>{() => <Speakers query={query} />}</OrganiserOnly>;
}
