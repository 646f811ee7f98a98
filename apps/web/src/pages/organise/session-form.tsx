import type {
  Audience,
  DraftSessionView,
  EventDetail,
  ScheduleConflict,
  SessionFormat,
  SessionLanguage,
  SessionPersonRole,
  SessionStatus,
  SpeakerAdminView,
} from '@app/contracts';
import {
  AUDIENCES,
  SESSION_FORMATS,
  SESSION_LANGUAGES,
  SESSION_PERSON_ROLES,
  SESSION_STATUSES,
} from '@app/contracts';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConflictNames } from '../../components/conflict-list';
import { ConflictList } from '../../components/conflict-list';
import { describedBy, FieldError, SaveError } from '../../components/form-bits';
import { useI18n } from '../../i18n';
import type { DraftSessionInput, SavedDraftSession } from '../../lib/api';
import { programmeApi } from '../../lib/api';
import { dayHeading, languageName } from '../../lib/labels';
import { formatShortDate, wallClock, zoneCity, zonedToUtc } from '../../lib/time';

const OTHER_DATE = 'other';

interface PersonRow {
  key: number;
  speakerId: string;
  role: SessionPersonRole;
}

interface FormValues {
  title: string;
  abstract: string;
  day: string;
  date: string;
  start: string;
  end: string;
  trackId: string;
  streamId: string;
  format: SessionFormat;
  audience: Audience;
  language: SessionLanguage;
  capacity: string;
  status: SessionStatus;
}

type FormErrors = Partial<Record<keyof FormValues | 'people', string>>;

let rowKeys = 0;

function initialValues(
  event: EventDetail,
  session: DraftSessionView | null,
  dayHint: string | null,
): FormValues {
  const days = [...event.days].sort((a, b) => a.date.localeCompare(b.date));
  if (!session) {
    const day = days.find((d) => d.date === dayHint) ?? days[0];
    return {
      title: '',
      abstract: '',
      day: day?.id ?? OTHER_DATE,
      date: day?.date ?? event.startDate,
      start: '09:00',
      end: '10:00',
      trackId: '',
      streamId: '',
      format: 'panel',
      audience: 'public',
      language: 'en',
      capacity: '',
      status: 'scheduled',
    };
  }
  const start = wallClock(session.startsAt, event.timeZone);
  const end = wallClock(session.endsAt, event.timeZone);
  const day =
    days.find((d) => d.id === session.dayId && d.date === start.date) ??
    days.find((d) => d.date === start.date);
  return {
    title: session.title,
    abstract: session.abstract,
    day: day?.id ?? OTHER_DATE,
    date: start.date,
    start: start.time,
    end: end.time,
    trackId: session.trackId ?? '',
    streamId: session.streamId ?? '',
    format: session.format,
    audience: session.audience,
    language: session.language,
    capacity: session.capacity === null ? '' : String(session.capacity),
    status: session.status,
  };
}

function speakerLabel(speaker: SpeakerAdminView): string {
  return speaker.organisation ? `${speaker.name} (${speaker.organisation})` : speaker.name;
}

export interface SessionFormProps {
  event: EventDetail;
  /** The session being edited; null for a new one (until it is saved). */
  session: DraftSessionView | null;
  /** Day (date) a new session starts on, when it was added from that day. */
  dayHint: string | null;
  speakers: SpeakerAdminView[] | undefined;
  onSpeakersRefresh: () => void;
  /** Conflicts of this session: from its last save, or from the draft's list. */
  conflicts: ScheduleConflict[];
  conflictsFromSave: boolean;
  names: ConflictNames;
  onSaved: (saved: SavedDraftSession) => void;
  onClose: () => void;
}

export function SessionForm(props: SessionFormProps) {
  const i18n = useI18n();
  const { t, intlLocale, locale } = i18n;
  const { event, session, speakers } = props;
  const [values, setValues] = useState<FormValues>(() =>
    initialValues(event, session, props.dayHint),
  );
  const [people, setPeople] = useState<PersonRow[]>(() =>
    (session?.people ?? []).map((person) => ({
      key: ++rowKeys,
      speakerId: person.speakerId,
      role: person.role,
    })),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [savedMessage, setSavedMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const days = useMemo(
    () => [...event.days].sort((a, b) => a.date.localeCompare(b.date)),
    [event.days],
  );
  const sortedSpeakers = useMemo(
    () => [...(speakers ?? [])].sort((a, b) => a.name.localeCompare(b.name, intlLocale)),
    [speakers, intlLocale],
  );
  const zone = event.timeZone;
  const editing = session !== null;

  useLayoutEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);

  const set = <K extends keyof FormValues>(name: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const addPerson = () => {
    const key = ++rowKeys;
    setPeople((rows) => [...rows, { key, speakerId: '', role: 'speaker' }]);
    window.setTimeout(() => document.getElementById(`person-${key}`)?.focus(), 0);
  };

  const removePerson = (key: number) => {
    setPeople((rows) => rows.filter((row) => row.key !== key));
    window.setTimeout(() => document.getElementById('session-add-person')?.focus(), 0);
  };

  const check = (): FormErrors => {
    const found: FormErrors = {};
    if (!values.title.trim()) found.title = t('form.required', { field: t('sessionForm.title') });
    if (values.day === OTHER_DATE && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
      found.date = t('form.required', { field: t('sessionForm.date') });
    }
    if (!values.start) found.start = t('form.required', { field: t('sessionForm.start') });
    if (!values.end) found.end = t('form.required', { field: t('sessionForm.end') });
    else if (values.start && values.end <= values.start)
      found.end = t('sessionForm.endBeforeStart');
    if (values.capacity.trim() && !/^[1-9]\d*$/.test(values.capacity.trim())) {
      found.capacity = t('form.wholeNumber', { field: t('sessionForm.capacity') });
    }
    if (people.some((row) => !row.speakerId)) found.people = t('sessionForm.choosePerson');
    else {
      const pairs = people.map((row) => `${row.speakerId}|${row.role}`);
      if (new Set(pairs).size !== pairs.length) found.people = t('sessionForm.duplicatePerson');
    }
    return found;
  };

  const submit = async (submitted: Event) => {
    submitted.preventDefault();
    const found = check();
    setErrors(found);
    setFailure(null);
    setSavedMessage('');
    const firstError = (Object.keys(found) as (keyof FormErrors)[])[0];
    if (firstError) {
      const target =
        firstError === 'people'
          ? (people.find((row) => !row.speakerId)?.key ?? people[0]?.key)
          : null;
      document
        .getElementById(firstError === 'people' ? `person-${target}` : `session-${firstError}`)
        ?.focus();
      return;
    }
    const chosenDay = days.find((day) => day.id === values.day);
    const date = chosenDay?.date ?? values.date;
    const body: DraftSessionInput = {
      title: values.title.trim(),
      abstract: values.abstract.trim(),
      format: values.format,
      audience: values.audience,
      language: values.language,
      status: values.status,
      capacity: values.capacity.trim() ? Number(values.capacity.trim()) : null,
      trackId: values.trackId || null,
      streamId: values.streamId || null,
      dayId: chosenDay?.id ?? days.find((day) => day.date === date)?.id ?? null,
      startsAt: zonedToUtc(date, values.start, zone).toISOString(),
      endsAt: zonedToUtc(date, values.end, zone).toISOString(),
      people: people.map((row) => ({ speakerId: row.speakerId, role: row.role })),
    };
    setBusy(true);
    try {
      const saved = session
        ? await programmeApi.updateDraftSession(event.slug, session.id, body)
        : await programmeApi.createDraftSession(event.slug, body);
      setSavedMessage(
        saved.conflicts.length === 0
          ? t('sessionForm.savedClear')
          : i18n.plural('sessionForm.savedWithConflicts', saved.conflicts.length),
      );
      props.onSaved(saved);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const fieldClass = (name: keyof FormErrors, extra = '') =>
    `form-field${extra}${errors[name] ? ' has-error' : ''}`;
  const errorProps = (name: keyof FormErrors) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': describedBy(errors[name] && `session-${name}-error`),
  });
  const title = editing
    ? t('sessionForm.editTitle', { title: session.title })
    : t('sessionForm.newTitle');

  return (
    <div class="session-editor">
      <form
        class="form-card session-form"
        noValidate
        aria-labelledby="session-form-heading"
        onSubmit={(e) => void submit(e)}
      >
        <h3 id="session-form-heading" ref={heading} tabIndex={-1}>
          {title}
        </h3>
        {session?.published && <p class="field-hint">{t('sessionForm.publishedHint')}</p>}

        <div class={fieldClass('title')}>
          <label for="session-title">{t('sessionForm.title')}</label>
          <FieldError id="session-title-error" message={errors.title} />
          <input
            id="session-title"
            type="text"
            maxLength={200}
            value={values.title}
            aria-required="true"
            {...errorProps('title')}
            onInput={(e) => set('title', e.currentTarget.value)}
          />
        </div>

        <div class="form-field">
          <label for="session-abstract">
            {t('sessionForm.abstract')} <span class="optional">{t('form.optional')}</span>
          </label>
          <textarea
            id="session-abstract"
            rows={4}
            value={values.abstract}
            onInput={(e) => set('abstract', e.currentTarget.value)}
          />
        </div>

        <fieldset class="form-group">
          <legend>{t('sessionForm.when')}</legend>
          <p class="field-hint" id="session-zone-hint">
            {t('sessionForm.zoneHint', { city: zoneCity(zone, locale), zone })}
          </p>
          <div class="field-row">
            <div class="form-field">
              <label for="session-day">{t('sessionForm.day')}</label>
              <select
                id="session-day"
                value={values.day}
                onChange={(e) => set('day', e.currentTarget.value)}
              >
                {days.map((day) => (
                  <option key={day.id} value={day.id}>
                    {`${dayHeading(day, i18n)} · ${formatShortDate(day.date, intlLocale)}`}
                  </option>
                ))}
                <option value={OTHER_DATE}>{t('sessionForm.otherDate')}</option>
              </select>
            </div>
            {values.day === OTHER_DATE && (
              <div class={fieldClass('date')}>
                <label for="session-date">{t('sessionForm.date')}</label>
                <FieldError id="session-date-error" message={errors.date} />
                <input
                  id="session-date"
                  type="date"
                  value={values.date}
                  {...errorProps('date')}
                  onInput={(e) => set('date', e.currentTarget.value)}
                />
              </div>
            )}
          </div>
          <div class="field-row">
            <div class={fieldClass('start')}>
              <label for="session-start">{t('sessionForm.start')}</label>
              <FieldError id="session-start-error" message={errors.start} />
              <input
                id="session-start"
                type="time"
                step={300}
                value={values.start}
                aria-invalid={errors.start ? true : undefined}
                aria-describedby={describedBy(
                  'session-zone-hint',
                  errors.start && 'session-start-error',
                )}
                onInput={(e) => set('start', e.currentTarget.value)}
              />
            </div>
            <div class={fieldClass('end')}>
              <label for="session-end">{t('sessionForm.end')}</label>
              <FieldError id="session-end-error" message={errors.end} />
              <input
                id="session-end"
                type="time"
                step={300}
                value={values.end}
                aria-invalid={errors.end ? true : undefined}
                aria-describedby={describedBy(
                  'session-zone-hint',
                  errors.end && 'session-end-error',
                )}
                onInput={(e) => set('end', e.currentTarget.value)}
              />
            </div>
          </div>
        </fieldset>

        <div class="field-row">
          <div class="form-field">
            <label for="session-track">{t('sessionForm.track')}</label>
            <select
              id="session-track"
              value={values.trackId}
              onChange={(e) => set('trackId', e.currentTarget.value)}
            >
              <option value="">{t('sessionForm.noTrack')}</option>
              {event.tracks.map((track) => (
                <option key={track.id} value={track.id}>
                  {track.name}
                </option>
              ))}
            </select>
          </div>
          <div class="form-field">
            <label for="session-stream">{t('sessionForm.stream')}</label>
            <select
              id="session-stream"
              value={values.streamId}
              onChange={(e) => set('streamId', e.currentTarget.value)}
            >
              <option value="">{t('sessionForm.noStream')}</option>
              {event.streams.map((stream) => (
                <option key={stream.id} value={stream.id}>
                  {stream.name}
                </option>
              ))}
            </select>
          </div>
        </div>

        <div class="field-row">
          <div class="form-field">
            <label for="session-format">{t('session.format')}</label>
            <select
              id="session-format"
              value={values.format}
              onChange={(e) => set('format', e.currentTarget.value as SessionFormat)}
            >
              {SESSION_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {t(`format.${format}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="form-field">
            <label for="session-audience">{t('session.audience')}</label>
            <select
              id="session-audience"
              value={values.audience}
              onChange={(e) => set('audience', e.currentTarget.value as Audience)}
            >
              {AUDIENCES.map((audience) => (
                <option key={audience} value={audience}>
                  {t(`audience.${audience}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="form-field">
            <label for="session-language">{t('session.language')}</label>
            <select
              id="session-language"
              value={values.language}
              onChange={(e) => set('language', e.currentTarget.value as SessionLanguage)}
            >
              {SESSION_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {languageName(language, i18n)}
                </option>
              ))}
            </select>
          </div>
        </div>

        <div class="field-row">
          <div class={fieldClass('capacity')}>
            <label for="session-capacity">
              {t('sessionForm.capacity')} <span class="optional">{t('form.optional')}</span>
            </label>
            <FieldError id="session-capacity-error" message={errors.capacity} />
            <input
              id="session-capacity"
              type="number"
              min={1}
              inputMode="numeric"
              value={values.capacity}
              {...errorProps('capacity')}
              onInput={(e) => set('capacity', e.currentTarget.value)}
            />
          </div>
          <div class="form-field">
            <label for="session-status">{t('sessionForm.status')}</label>
            <select
              id="session-status"
              value={values.status}
              onChange={(e) => set('status', e.currentTarget.value as SessionStatus)}
            >
              {SESSION_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`sessionStatus.${status}`)}
                </option>
              ))}
            </select>
          </div>
        </div>

        <fieldset
          class={`form-group people-picker${errors.people ? ' has-error' : ''}`}
          aria-describedby={describedBy(errors.people && 'session-people-error')}
        >
          <legend>{t('session.people')}</legend>
          <FieldError id="session-people-error" message={errors.people} />
          {speakers === undefined && <p class="status-loading">{t('status.loading')}</p>}
          {people.length === 0 && <p class="empty">{t('sessionForm.nobody')}</p>}
          {people.map((row, index) => {
            const chosen = sortedSpeakers.find((s) => s.id === row.speakerId);
            return (
              <div key={row.key} class="person-row">
                <div class="form-field">
                  <label for={`person-${row.key}`}>
                    {t('sessionForm.person', { n: index + 1 })}
                  </label>
                  <select
                    id={`person-${row.key}`}
                    value={row.speakerId}
                    aria-invalid={errors.people && !row.speakerId ? true : undefined}
                    onChange={(e) => {
                      const speakerId = e.currentTarget.value;
                      setPeople((rows) =>
                        rows.map((r) => (r.key === row.key ? { ...r, speakerId } : r)),
                      );
                    }}
                  >
                    <option value="">{t('sessionForm.choose')}</option>
                    {row.speakerId && !chosen && (
                      <option value={row.speakerId}>
                        {session?.people.find((p) => p.speakerId === row.speakerId)?.name ??
                          row.speakerId}
                      </option>
                    )}
                    {sortedSpeakers.map((speaker) => (
                      <option key={speaker.id} value={speaker.id}>
                        {speakerLabel(speaker)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="form-field">
                  <label for={`person-role-${row.key}`}>{t('sessionForm.role')}</label>
                  <select
                    id={`person-role-${row.key}`}
                    value={row.role}
                    onChange={(e) => {
                      const role = e.currentTarget.value as SessionPersonRole;
                      setPeople((rows) =>
                        rows.map((r) => (r.key === row.key ? { ...r, role } : r)),
                      );
                    }}
                  >
                    {SESSION_PERSON_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {i18n.plural(`role.${role}`, 1)}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="button"
                  class="button button-quiet button-small button-danger-quiet person-remove"
                  onClick={() => removePerson(row.key)}
                >
                  {t('sessionForm.removePerson')}
                  <span class="visually-hidden">
                    {' '}
                    {chosen ? chosen.name : t('sessionForm.person', { n: index + 1 })}
                  </span>
                </button>
              </div>
            );
          })}
          <p class="actions">
            <button
              type="button"
              id="session-add-person"
              class="button button-quiet button-small"
              onClick={addPerson}
            >
              {t('sessionForm.addPerson')}
            </button>
            <a href="/organise/speakers" target="_blank" rel="noopener">
              {t('sessionForm.managePeople')}
            </a>
            <button type="button" class="link-button" onClick={props.onSpeakersRefresh}>
              {t('sessionForm.refreshPeople')}
            </button>
          </p>
        </fieldset>

        {Boolean(failure) && <SaveError error={failure} title={t('sessionForm.notSaved')} />}
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {editing ? t('sessionForm.save') : t('sessionForm.create')}
          </button>
          <button type="button" class="button button-quiet" onClick={props.onClose}>
            {t('sessionForm.close')}
          </button>
          <p class="form-status" role="status">
            {savedMessage}
          </p>
        </div>
      </form>

      <aside class="session-conflicts" aria-labelledby="session-conflicts-heading">
        <h4 id="session-conflicts-heading">{t('sessionForm.conflictsTitle')}</h4>
        <p class="field-hint">
          {props.conflictsFromSave
            ? t('sessionForm.conflictsAfterSave')
            : editing
              ? t('sessionForm.conflictsInDraft')
              : t('sessionForm.conflictsBeforeSave')}
        </p>
        {props.conflicts.length > 0 ? (
          <ConflictList
            conflicts={props.conflicts}
            names={props.names}
            label={t('sessionForm.conflictsTitle')}
          />
        ) : (
          (editing || props.conflictsFromSave) && (
            <p class="conflict-summary is-clear">{t('sessionForm.noConflicts')}</p>
          )
        )}
      </aside>
    </div>
  );
}
