import type { EventDetail, EventKind } from '@app/contracts';
import { EVENT_KINDS } from '@app/contracts';
import { useRef, useState } from 'preact/hooks';
import { SaveError } from '../../components/form-bits';
import type { I18n } from '../../i18n';
import { useI18n } from '../../i18n';
import type { EventSettings } from '../../lib/api';
import { programmeApi } from '../../lib/api';
import { navigate } from '../../lib/router';
import { supportedTimeZones } from '../../lib/time';
import type { Errors, FieldSpec, Values } from './fields';
import { Fields, focusFirstError, nullable, validate } from './fields';
import { slugify } from './structure';

function isEventKind(value: string): value is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(value);
}

function settingsFields({ t }: I18n, zone: string): FieldSpec[] {
  const zones = supportedTimeZones();
  return [
    { name: 'title', label: 'settings.title', type: 'text', required: true, maxLength: 200 },
    {
      name: 'kind',
      label: 'settings.kind',
      type: 'select',
      required: true,
      options: EVENT_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) })),
    },
    { name: 'summary', label: 'settings.summary', type: 'textarea' },
    {
      name: 'timeZone',
      label: 'settings.timeZone',
      type: 'select',
      required: true,
      hint: 'settings.timeZoneHint',
      options: (zones.includes(zone) ? zones : [zone, ...zones]).map((value) => ({
        value,
        label: value.replace(/_/g, ' '),
      })),
    },
    { name: 'startDate', label: 'settings.startDate', type: 'date', required: true },
    { name: 'endDate', label: 'settings.endDate', type: 'date', required: true },
    {
      name: 'venue',
      label: 'settings.venue',
      type: 'text',
      maxLength: 200,
      hint: 'settings.venueHint',
    },
  ];
}

function settingsOf(values: Values): EventSettings {
  return {
    title: values.title.trim(),
    kind: isEventKind(values.kind) ? values.kind : 'city-lab',
    summary: values.summary.trim(),
    timeZone: values.timeZone,
    startDate: values.startDate,
    endDate: values.endDate,
    venue: nullable(values.venue),
  };
}

function checkDates(values: Values, errors: Errors, { t }: I18n): Errors {
  if (!errors.endDate && values.startDate && values.endDate && values.endDate < values.startDate) {
    return { ...errors, endDate: t('settings.endBeforeStart') };
  }
  return errors;
}

/** Title, kind, zone, dates and venue of an event, saved with PATCH. */
export function EventSettingsForm({ event, onSaved }: { event: EventDetail; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [values, setValues] = useState<Values>(() => ({
    title: event.title,
    kind: event.kind,
    summary: event.summary,
    timeZone: event.timeZone,
    startDate: event.startDate,
    endDate: event.endDate,
    venue: event.venue ?? '',
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fields = settingsFields(i18n, event.timeZone);

  const submit = async (submitted: Event) => {
    submitted.preventDefault();
    const found = checkDates(values, validate(fields, values, i18n), i18n);
    setErrors(found);
    setFailure(null);
    setSaved(false);
    if (Object.keys(found).length > 0) {
      focusFirstError('settings', fields, found);
      return;
    }
    setBusy(true);
    try {
      await programmeApi.updateEvent(event.slug, settingsOf(values));
      setSaved(true);
      onSaved();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form-card wide" noValidate onSubmit={(e) => void submit(e)}>
      <Fields
        fields={fields}
        prefix="settings"
        values={values}
        errors={errors}
        onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
      />
      {Boolean(failure) && <SaveError error={failure} title={t('settings.notSaved')} />}
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {t('settings.save')}
        </button>
        <p class="form-status" role="status">
          {saved ? t('settings.saved') : ''}
        </p>
      </div>
    </form>
  );
}

/** A new event: its address (slug) is fixed here, the rest can change later. */
export function NewEventForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const [values, setValues] = useState<Values>({
    slug: '',
    title: '',
    kind: 'city-lab',
    summary: '',
    timeZone: 'Europe/Brussels',
    startDate: '',
    endDate: '',
    venue: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const slugEdited = useRef(false);
  const fields: FieldSpec[] = [
    ...settingsFields(i18n, 'Europe/Brussels').slice(0, 1),
    {
      name: 'slug',
      label: 'settings.slug',
      type: 'text',
      required: true,
      maxLength: 80,
      hint: 'settings.slugHint',
    },
    ...settingsFields(i18n, 'Europe/Brussels').slice(1),
  ];

  const change = (name: string, value: string) => {
    if (name === 'slug') slugEdited.current = true;
    setValues((current) => ({
      ...current,
      [name]: value,
      ...(name === 'title' && !slugEdited.current ? { slug: slugify(value) } : {}),
    }));
  };

  const submit = async (submitted: Event) => {
    submitted.preventDefault();
    const found = checkDates(values, validate(fields, values, i18n), i18n);
    if (!found.slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug.trim())) {
      found.slug = t('settings.slugInvalid');
    }
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError('new-event', fields, found);
      return;
    }
    setBusy(true);
    try {
      const created = await programmeApi.createEvent({
        slug: values.slug.trim(),
        ...settingsOf(values),
      });
      navigate(`/organise/events/${encodeURIComponent(created.slug)}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form class="form-card wide" noValidate onSubmit={(e) => void submit(e)}>
      <Fields
        fields={fields}
        prefix="new-event"
        values={values}
        errors={errors}
        onChange={change}
      />
      {Boolean(failure) && <SaveError error={failure} title={t('settings.notCreated')} />}
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {t('settings.create')}
        </button>
      </div>
    </form>
  );
}
