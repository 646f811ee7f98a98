import { DateTime } from 'luxon';
import type { SeedEvent, SeedSession } from './icc-programme.js';

export const DEMO_EVENT_SLUG = 'icc-demo-city-lab';
const ZONE = 'Europe/Brussels';

/**
 * An invented City Lab around `now`, with one session live at `now`, so that a newcomer can try
 * every feature at once. Regenerated when it has gone stale.
 */
export function demoEvent(now: Date): SeedEvent {
  const local = DateTime.fromJSDate(now, { zone: ZONE });
  // Started a little while ago, but never on the previous day: sessions do not cross midnight.
  const liveStart = DateTime.max(
    local.minus({ minutes: 20 + (local.minute % 5) }).startOf('minute'),
    local.startOf('day'),
  );
  const at = (
    start: DateTime,
    minutes: number,
  ): Pick<SeedSession, 'date' | 'start' | 'end' | 'instants'> => {
    // A session that would cross midnight ends with its own day (shown as 23:59), so that the
    // live session is still live in the day's last minute.
    const planned = start.plus({ minutes });
    const end = planned.hasSame(start, 'day') ? planned : start.endOf('day');
    return {
      date: start.toISODate() ?? '',
      start: start.toFormat('HH:mm'),
      end: end.toFormat('HH:mm'),
      instants: { startsAt: start.toJSDate(), endsAt: end.toJSDate() },
    };
  };
  const laterToday = liveStart.plus({ minutes: 120 });
  const tomorrow = liveStart.plus({ days: 1 }).set({ hour: 10, minute: 0 });
  const dayAfter = liveStart.plus({ days: 2 }).set({ hour: 10, minute: 0 });
  const common = { demo: true, capacity: 200 } as const;
  const sessions: SeedSession[] = [
    {
      ...common,
      ...at(liveStart, 90),
      title: 'Live now: ask the ICC team anything',
      abstract:
        'A demo session that is always on when the hub starts: join the room, ask a question, vote ' +
        'and watch the moderator at work.',
      track: 'citizen-participation',
      stream: 'Plenary',
      format: 'plenary',
      audience: 'public',
      speakers: ['icc-team'],
      moderators: ['demo-moderator'],
      rapporteurs: ['demo-rapporteur'],
    },
    {
      ...common,
      ...at(laterToday, 60),
      title: 'Local green deals: a first draft in an hour',
      abstract: 'A demo workshop for city teams on drafting a local green deal.',
      track: 'green-economy',
      stream: 'Workshop room A',
      format: 'workshop',
      audience: 'cities',
      capacity: 2,
      speakers: ['iclei'],
      moderators: ['demo-moderator'],
    },
    {
      ...common,
      ...at(tomorrow, 75),
      title: 'Green and digital tourism after the pandemic',
      abstract: 'A demo panel on visitor data and sustainable tourism offers.',
      track: 'green-digital-tourism',
      stream: 'Plenary',
      format: 'panel',
      audience: 'public',
      speakers: ['icc-team'],
      moderators: ['demo-moderator'],
    },
    {
      ...common,
      ...at(tomorrow.plus({ minutes: 90 }), 60),
      title: 'Procurement clinic for core cities',
      abstract: 'A demo clinic: bring a tender you are writing.',
      track: 'public-procurement',
      stream: 'Workshop room B',
      format: 'workshop',
      audience: 'cities',
      speakers: ['iclei'],
      moderators: ['demo-moderator'],
    },
    {
      ...common,
      ...at(dayAfter, 60),
      title: 'Mayors’ briefing (demo)',
      abstract: 'A demo session for mayors only.',
      track: null,
      stream: 'Plenary',
      format: 'plenary',
      audience: 'mayors',
      speakers: ['icc-team'],
    },
  ];
  const dates = [...new Set(sessions.map((s) => s.date))].sort();
  return {
    slug: DEMO_EVENT_SLUG,
    kind: 'city-lab',
    title: 'ICC Demo City Lab',
    summary:
      'Demo content: an invented City Lab dated around today, with a session that is live now, so ' +
      'that you can try the hub from end to end.',
    timeZone: ZONE,
    venue: 'Online',
    days: dates.map((date, i) => ({
      date,
      title: `Day ${i + 1}: ${['Open day', 'City teams at work', 'Mayors and next steps'][i] ?? 'Workshops'}`,
      description: 'Demo content.',
    })),
    streams: [
      { name: 'Plenary', virtualUrl: 'https://meet.icc-hub.example/demo-plenary', capacity: 1000 },
      {
        name: 'Workshop room A',
        virtualUrl: 'https://meet.icc-hub.example/demo-room-a',
        capacity: 60,
      },
      {
        name: 'Workshop room B',
        virtualUrl: 'https://meet.icc-hub.example/demo-room-b',
        capacity: 60,
      },
    ],
    sessions,
  };
}
