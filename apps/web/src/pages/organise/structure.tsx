import type { EventDayView, EventDetail, StreamView, TrackKind, TrackView } from '@app/contracts';
import { TRACK_KINDS } from '@app/contracts';
import { TrackLabel } from '../../components/badges';
import { useI18n } from '../../i18n';
import { programmeApi } from '../../lib/api';
import { dayHeading, safeHttpUrl } from '../../lib/labels';
import { formatLongDate } from '../../lib/time';
import type { FieldSpec, Values } from './fields';
import { nullable, nullableNumber } from './fields';
import { ListEditor } from './list-editor';

/** "Green economy & local deals" -> "green-economy-local-deals". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** The api's rule: white text on the colour must reach 4.5:1 (WCAG AA). */
function readableUnderWhite(color: string): boolean {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return false;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(color.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05) >= 4.5;
}

function isTrackKind(value: string): value is TrackKind {
  return (TRACK_KINDS as readonly string[]).includes(value);
}

interface Props {
  event: EventDetail;
  onChanged: () => void;
}

const DAY_FIELDS: FieldSpec[] = [
  { name: 'date', label: 'structure.day.date', type: 'date', required: true },
  { name: 'title', label: 'structure.day.title', type: 'text', required: true, maxLength: 200 },
  { name: 'description', label: 'structure.day.description', type: 'textarea' },
];

export function DaysEditor({ event, onChanged }: Props) {
  const i18n = useI18n();
  const { t, intlLocale } = i18n;
  const days = [...event.days].sort((a, b) => a.date.localeCompare(b.date));
  const body = (values: Values) => ({
    date: values.date,
    title: values.title.trim(),
    description: values.description.trim(),
  });
  return (
    <ListEditor<EventDayView>
      id="days"
      title={t('structure.days')}
      intro={t('structure.daysIntro')}
      items={days}
      fields={DAY_FIELDS}
      blank={() => ({ date: days.at(-1)?.date ?? event.startDate, title: '', description: '' })}
      toValues={(day) => ({ date: day.date, title: day.title, description: day.description })}
      label={(day) => dayHeading(day, i18n)}
      summary={(day) => (
        <>
          <p class="structure-name">{dayHeading(day, i18n)}</p>
          <p class="structure-meta">{formatLongDate(day.date, intlLocale)}</p>
          {day.description && <p class="structure-meta">{day.description}</p>}
        </>
      )}
      addLabel={t('structure.addDay')}
      emptyText={t('structure.noDays')}
      save={(values, id) =>
        id
          ? programmeApi.updateDay(event.slug, id, body(values))
          : programmeApi.createDay(event.slug, body(values))
      }
      remove={(day) => programmeApi.deleteDay(event.slug, day.id)}
      onChanged={onChanged}
    />
  );
}

export function TracksEditor({ event, onChanged }: Props) {
  const { t } = useI18n();
  const fields: FieldSpec[] = [
    { name: 'name', label: 'structure.track.name', type: 'text', required: true, maxLength: 160 },
    {
      name: 'slug',
      label: 'structure.track.slug',
      type: 'text',
      required: true,
      maxLength: 80,
      hint: 'structure.track.slugHint',
    },
    {
      name: 'kind',
      label: 'structure.track.kind',
      type: 'select',
      required: true,
      options: TRACK_KINDS.map((kind) => ({ value: kind, label: t(`trackKind.${kind}`) })),
    },
    {
      name: 'color',
      label: 'structure.track.color',
      type: 'color',
      required: true,
      hint: 'structure.track.colorHint',
      check: (value) => (readableUnderWhite(value) ? null : 'structure.track.colorTooLight'),
    },
  ];
  const body = (values: Values) => ({
    name: values.name.trim(),
    slug: values.slug.trim(),
    kind: isTrackKind(values.kind) ? values.kind : 'theme',
    color: values.color,
  });
  return (
    <ListEditor<TrackView>
      id="tracks"
      title={t('structure.tracks')}
      intro={t('structure.tracksIntro')}
      items={event.tracks}
      fields={fields}
      blank={() => ({ name: '', slug: '', kind: 'theme', color: '#003399' })}
      toValues={(track) => ({ ...track })}
      // The slug follows the name until someone edits it by hand.
      derive={(name, next, previous) =>
        name === 'name' && (previous.slug === '' || previous.slug === slugify(previous.name))
          ? { ...next, slug: slugify(next.name) }
          : next
      }
      label={(track) => track.name}
      summary={(track) => (
        <>
          <p class="structure-name">
            <TrackLabel track={track} />
          </p>
          <p class="structure-meta">
            {t(`trackKind.${track.kind}`)} · <code>{track.slug}</code>
          </p>
        </>
      )}
      addLabel={t('structure.addTrack')}
      emptyText={t('structure.noTracks')}
      save={(values, id) =>
        id
          ? programmeApi.updateTrack(event.slug, id, body(values))
          : programmeApi.createTrack(event.slug, body(values))
      }
      remove={(track) => programmeApi.deleteTrack(event.slug, track.id)}
      onChanged={onChanged}
    />
  );
}

const STREAM_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'structure.stream.name', type: 'text', required: true, maxLength: 120 },
  {
    name: 'virtualUrl',
    label: 'structure.stream.virtualUrl',
    type: 'url',
    maxLength: 500,
    hint: 'structure.stream.virtualUrlHint',
  },
  { name: 'capacity', label: 'structure.stream.capacity', type: 'number' },
];

export function StreamsEditor({ event, onChanged }: Props) {
  const { t, plural } = useI18n();
  const body = (values: Values) => ({
    name: values.name.trim(),
    virtualUrl: nullable(values.virtualUrl),
    capacity: nullableNumber(values.capacity),
  });
  return (
    <ListEditor<StreamView>
      id="streams"
      title={t('structure.streams')}
      intro={t('structure.streamsIntro')}
      items={event.streams}
      fields={STREAM_FIELDS}
      blank={() => ({ name: '', virtualUrl: '', capacity: '' })}
      toValues={(stream) => ({
        name: stream.name,
        virtualUrl: stream.virtualUrl ?? '',
        capacity: stream.capacity === null ? '' : String(stream.capacity),
      })}
      label={(stream) => stream.name}
      summary={(stream) => {
        const url = safeHttpUrl(stream.virtualUrl);
        return (
          <>
            <p class="structure-name">{stream.name}</p>
            <p class="structure-meta">
              {url ? <span class="url-text">{url}</span> : t('structure.stream.noLink')}
              {stream.capacity !== null && (
                <> · {plural('session.capacityValue', stream.capacity)}</>
              )}
            </p>
          </>
        );
      }}
      addLabel={t('structure.addStream')}
      emptyText={t('structure.noStreams')}
      save={(values, id) =>
        id
          ? programmeApi.updateStream(event.slug, id, body(values))
          : programmeApi.createStream(event.slug, body(values))
      }
      remove={(stream) => programmeApi.deleteStream(event.slug, stream.id)}
      onChanged={onChanged}
    />
  );
}
