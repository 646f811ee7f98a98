import type { ReleasedSession } from '@app/contracts';
import { changedFields, diffReleases, movesCalendars } from './release-diff.js';

function session(overrides: Partial<ReleasedSession> = {}): ReleasedSession {
  return {
    id: 's1',
    eventSlug: 'lab',
    dayId: null,
    trackId: 't1',
    streamId: 'plenary',
    title: 'Opening',
    abstract: '',
    format: 'plenary',
    audience: 'public',
    language: 'en',
    status: 'scheduled',
    capacity: 100,
    startsAt: '2027-03-10T09:00:00.000Z',
    endsAt: '2027-03-10T10:00:00.000Z',
    timeZone: 'Europe/Brussels',
    isDemo: false,
    track: null,
    stream: {
      id: 'plenary',
      name: 'Plenary',
      virtualUrl: 'https://meet.example/a',
      capacity: null,
    },
    day: null,
    people: [
      {
        id: 'p1',
        name: 'A',
        title: null,
        organisation: null,
        role: 'speaker',
        bio: null,
        city: null,
      },
    ],
    sequence: 0,
    ...overrides,
  };
}

describe('diffReleases', () => {
  it('calls everything new in a first release, and nothing when nothing changed', () => {
    expect(diffReleases(null, [session()]).counts).toEqual({
      new: 1,
      moved: 0,
      changed: 0,
      cancelled: 0,
    });
    expect(diffReleases([session()], [session()]).changes).toEqual([]);
  });

  it('tells a move (time or place) from a change, and a link change moves calendars', () => {
    const moved = diffReleases([session()], [session({ startsAt: '2027-03-10T09:30:00.000Z' })]);
    expect(moved.changes[0]).toMatchObject({ kind: 'moved', fields: ['time'] });
    const link = session({
      stream: {
        id: 'plenary',
        name: 'Plenary',
        virtualUrl: 'https://meet.example/b',
        capacity: null,
      },
    });
    const linked = diffReleases([session()], [link]).changes[0];
    expect(linked).toMatchObject({ kind: 'changed', fields: ['link'] });
    expect(movesCalendars(linked)).toBe(true);
    const renamed = diffReleases([session()], [session({ title: 'Welcome' })]).changes[0];
    expect(renamed).toMatchObject({ kind: 'changed', fields: ['title'] });
    expect(movesCalendars(renamed)).toBe(false);
  });

  it('reports a cancellation once, and a session brought back as new', () => {
    const cancelled = session({ status: 'cancelled' });
    expect(diffReleases([session()], [cancelled]).changes[0]).toMatchObject({
      kind: 'cancelled',
      peopleAdded: [],
      peopleRemoved: [],
    });
    expect(diffReleases([cancelled], [cancelled]).changes).toEqual([]);
    const back = diffReleases([cancelled], [session()]).changes[0];
    expect(back).toMatchObject({ kind: 'new', peopleAdded: [], peopleRemoved: [] });
  });

  it('names the people added and withdrawn, and a role change as a people change', () => {
    const swapped = session({
      people: [
        {
          id: 'p2',
          name: 'B',
          title: null,
          organisation: null,
          role: 'speaker',
          bio: null,
          city: null,
        },
      ],
    });
    expect(diffReleases([session()], [swapped]).changes[0]).toMatchObject({
      fields: ['people'],
      peopleAdded: ['p2'],
      peopleRemoved: ['p1'],
    });
    const moderator = session({
      people: [
        {
          id: 'p1',
          name: 'A',
          title: null,
          organisation: null,
          role: 'moderator',
          bio: null,
          city: null,
        },
      ],
    });
    expect(changedFields(session(), moderator)).toEqual(['people']);
  });

  it('orders changes by their new start time', () => {
    const a = session({ id: 'a', title: 'A', startsAt: '2027-03-10T11:00:00.000Z' });
    const b = session({ id: 'b', title: 'B', startsAt: '2027-03-10T08:00:00.000Z' });
    expect(diffReleases(null, [a, b]).changes.map((c) => c.sessionId)).toEqual(['b', 'a']);
  });
});
