import type {
  ApiErrorBody,
  DraftSessionView,
  EventDayView,
  EventDetail,
  ScheduleConflict,
  SpeakerAdminView,
  StreamView,
  TrackView,
} from '@app/contracts';
import {
  AuditEntryEntity,
  EventEntity,
  findOrCreateAccount,
  grantRole,
  SessionEntity,
} from '@app/persistence';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Caller = 'programme' | 'organiser' | 'summit' | 'attendee' | 'anonymous';

interface Answer<T> {
  status: number;
  body: T;
}

interface SessionResult {
  session: DraftSessionView;
  conflicts: ScheduleConflict[];
}

describe('programme editor: events, days, tracks, streams, speakers and the draft', () => {
  let hub: TestApp;
  const tokens = new Map<Caller, string>();

  async function tokenFor(email: string, eventId: string | null, role: 'organiser' | 'attendee') {
    const account = await hub.dataSource.transaction(async (manager) => {
      const found = await findOrCreateAccount(manager, email);
      await grantRole(manager, { actorId: null, accountId: found.id, eventId, role });
      return found;
    });
    return (await hub.app.get(AuthService).issue(account.id, 'api', 'test')).secret;
  }

  async function call<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    caller: Caller,
    body?: unknown,
  ): Promise<Answer<T>> {
    const token = tokens.get(caller);
    const response = await fetch(`${hub.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** The answer's body, after checking its status (the path shows in a failure). */
  async function expectStatus<T>(
    status: number,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    caller: Caller,
    body?: unknown,
  ): Promise<T> {
    const answer = await call<T>(method, path, caller, body);
    expect({ method, path, status: answer.status, body: answer.body }).toMatchObject({
      method,
      path,
      status,
    });
    return answer.body;
  }

  /** An event around the autumn change of clocks, with two days and two streams. */
  async function newEvent(slug: string, caller: Caller = 'programme') {
    const event = await expectStatus<EventDetail>(201, 'POST', '/events', caller, {
      slug,
      kind: 'city-lab',
      title: `City Lab ${slug}`,
      timeZone: 'Europe/Brussels',
      startDate: '2026-10-24',
      endDate: '2026-10-25',
      streamChangeBufferMinutes: 10,
    });
    const day = (date: string, title: string) =>
      expectStatus<EventDayView>(201, 'POST', `/events/${slug}/days`, caller, { date, title });
    const stream = (name: string) =>
      expectStatus<StreamView>(201, 'POST', `/events/${slug}/streams`, caller, {
        name,
        virtualUrl: `https://meet.example.eu/${slug}/${name.toLowerCase().replace(/ /g, '-')}`,
      });
    return {
      event,
      days: [await day('2026-10-24', 'Day 1: Opening'), await day('2026-10-25', 'Day 2: Cities')],
      streams: [await stream('Plenary'), await stream('Room B')],
    };
  }

  async function speaker(name: string, extra: Record<string, unknown> = {}) {
    return expectStatus<SpeakerAdminView>(201, 'POST', '/speakers', 'programme', {
      name,
      ...extra,
    });
  }

  const sessionBody = (title: string, startsAt: string, endsAt: string, extra = {}) => ({
    title,
    audience: 'cities',
    startsAt,
    endsAt,
    ...extra,
  });

  beforeAll(async () => {
    hub = await createTestApp();
    const summit = await hub.dataSource
      .getRepository(EventEntity)
      .findOneByOrFail({ slug: '100-mayors-summit-2020' });
    const cityLab = await hub.dataSource
      .getRepository(EventEntity)
      .findOneByOrFail({ slug: 'icc-city-lab-2020' });
    tokens.set('programme', await tokenFor('programme@icc.example', null, 'organiser'));
    tokens.set('summit', await tokenFor('summit-organiser@icc.example', summit.id, 'organiser'));
    tokens.set('attendee', await tokenFor('attendee@city.example', cityLab.id, 'attendee'));
  });
  afterAll(() => hub.close());

  describe('events', () => {
    it('creates an event for programme organisers only, and refuses a taken slug', async () => {
      const body = {
        slug: 'tourism-lab-2027',
        kind: 'city-lab',
        title: 'City Lab: Green and digital transition in tourism',
        summary: 'Three days on tourism.',
        timeZone: 'Europe/Lisbon',
        startDate: '2027-03-02',
        endDate: '2027-03-04',
        venue: 'Online',
      };
      expect((await call('POST', '/events', 'summit', body)).status).toBe(403);
      expect((await call('POST', '/events', 'attendee', body)).status).toBe(403);
      expect((await call('POST', '/events', 'anonymous', body)).status).toBe(401);

      const created = await expectStatus<EventDetail>(201, 'POST', '/events', 'programme', body);
      expect(created).toMatchObject({
        ...body,
        isDemo: false,
        days: [],
        tracks: [],
        streams: [],
      });
      const read = await expectStatus<EventDetail>(
        200,
        'GET',
        '/events/tourism-lab-2027',
        'anonymous',
      );
      expect(read.timeZone).toBe('Europe/Lisbon');

      const again = await call<ApiErrorBody>('POST', '/events', 'programme', body);
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/slug "tourism-lab-2027" already exists/);
    });

    it('refuses bad input with 400 and the fields named', async () => {
      const base = {
        slug: 'bad-lab',
        kind: 'city-lab',
        title: 'Bad',
        timeZone: 'Europe/Brussels',
        startDate: '2027-01-10',
        endDate: '2027-01-11',
      };
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ timeZone: 'Mars/Olympus_Mons' }, /timeZone/],
        [{ startDate: '2027-02-30' }, /startDate/],
        [{ endDate: '2027-01-09' }, /endDate/],
        [{ slug: 'Bad Lab' }, /slug/],
        [{ kind: 'festival' }, /kind/],
        [{ streamChangeBufferMinutes: -5 }, /streamChangeBufferMinutes/],
        [{ isDemo: true }, /isDemo should not exist/],
        [{ summary: null }, /summary/],
      ];
      for (const [change, detail] of cases) {
        const answer = await call<ApiErrorBody>('POST', '/events', 'programme', {
          ...base,
          ...change,
        });
        expect({ change, status: answer.status }).toEqual({ change, status: 400 });
        expect(answer.body.details?.join(' ')).toMatch(detail);
      }
    });

    it('lets the event’s organisers edit it, not organisers of another event', async () => {
      const { event } = await newEvent('edit-lab');
      tokens.set('organiser', await tokenFor('edit-lab@icc.example', event.id, 'organiser'));

      expect((await call('PATCH', '/events/edit-lab', 'summit', { title: 'X' })).status).toBe(403);
      const edited = await expectStatus<EventDetail>(
        200,
        'PATCH',
        '/events/edit-lab',
        'organiser',
        {
          title: 'City Lab on data',
          venue: null,
          streamChangeBufferMinutes: 15,
        },
      );
      expect(edited).toMatchObject({ slug: 'edit-lab', title: 'City Lab on data', venue: null });
      expect(edited.days).toHaveLength(2);

      // The slug names the event in links and calendars.
      expect((await call('PATCH', '/events/edit-lab', 'organiser', { slug: 'x' })).status).toBe(
        400,
      );
      expect((await call('PATCH', '/events/edit-lab', 'organiser', { title: null })).status).toBe(
        400,
      );
      const stranded = await call<ApiErrorBody>('PATCH', '/events/edit-lab', 'organiser', {
        startDate: '2026-10-25',
      });
      expect(stranded.status).toBe(409);
      expect(stranded.body.message).toMatch(/2026-10-24 would fall outside/);
      expect((await call('PATCH', '/events/no-such-lab', 'programme', { title: 'X' })).status).toBe(
        404,
      );
    });
  });

  describe('days, tracks and streams', () => {
    it('creates, edits and deletes days, counting them from the first date', async () => {
      const { event } = await newEvent('days-lab');
      const path = '/events/days-lab/days';
      expect(event.days).toEqual([]);
      const detail = await expectStatus<EventDetail>(200, 'GET', '/events/days-lab', 'anonymous');
      const [first, second] = detail.days;
      expect([first.dayNumber, second.dayNumber]).toEqual([1, 2]);

      const duplicate = await call<ApiErrorBody>('POST', path, 'programme', {
        date: '2026-10-24',
        title: 'Again',
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.message).toBe('The event already has a day on 2026-10-24');
      const outside = await call<ApiErrorBody>('POST', path, 'programme', {
        date: '2026-10-26',
        title: 'After',
      });
      expect(outside.status).toBe(400);
      expect(outside.body.details).toEqual(['date must be between 2026-10-24 and 2026-10-25']);

      const edited = await expectStatus<EventDayView>(
        200,
        'PATCH',
        `${path}/${second.id}`,
        'programme',
        {
          title: 'Day 2: Integrating the European Green Deal',
          description: 'Green deals in cities.',
        },
      );
      expect(edited).toEqual({
        ...second,
        title: edited.title,
        description: 'Green deals in cities.',
      });
      expect(
        (await call('PATCH', `${path}/${second.id}`, 'programme', { date: '2026-10-24' })).status,
      ).toBe(409);

      await expectStatus(204, 'DELETE', `${path}/${first.id}`, 'programme');
      await expectStatus(404, 'DELETE', `${path}/${first.id}`, 'programme');
      await expectStatus(404, 'PATCH', `${path}/${first.id}`, 'programme', { title: 'Gone' });
      await expectStatus(400, 'DELETE', `${path}/not-a-uuid`, 'programme');
      const after = await expectStatus<EventDetail>(200, 'GET', '/events/days-lab', 'anonymous');
      expect(after.days.map((d) => d.id)).toEqual([second.id]);
    });

    it('creates, edits and deletes tracks, with colours that carry white text', async () => {
      await newEvent('tracks-lab');
      const path = '/events/tracks-lab/tracks';
      const green = await expectStatus<TrackView>(201, 'POST', path, 'programme', {
        slug: 'green-economy',
        name: 'Green economy and local green deals',
        kind: 'theme',
        color: '#1b6e3a',
      });
      const data = await expectStatus<TrackView>(201, 'POST', path, 'programme', {
        slug: 'access-to-data',
        name: 'Access to data',
        kind: 'transversal',
        color: '#5a3d8a',
      });
      const yellow = await call<ApiErrorBody>('POST', path, 'programme', {
        slug: 'sun',
        name: 'Sun',
        kind: 'theme',
        color: '#ffdd00',
      });
      expect(yellow.status).toBe(400);
      expect(yellow.body.details?.[0]).toMatch(/contrast/);
      expect((await call('POST', path, 'programme', { ...green, id: undefined })).status).toBe(409);

      const renamed = await expectStatus<TrackView>(
        200,
        'PATCH',
        `${path}/${data.id}`,
        'programme',
        {
          name: 'Access to data and digital public services',
        },
      );
      expect(renamed).toEqual({ ...data, name: 'Access to data and digital public services' });
      expect(
        (await call('PATCH', `${path}/${data.id}`, 'programme', { slug: 'green-economy' })).status,
      ).toBe(409);
      const detail = await expectStatus<EventDetail>(200, 'GET', '/events/tracks-lab', 'anonymous');
      expect(detail.tracks.map((t) => t.slug)).toEqual(['green-economy', 'access-to-data']);

      await expectStatus(204, 'DELETE', `${path}/${green.id}`, 'programme');
      await expectStatus(404, 'DELETE', `${path}/${green.id}`, 'programme');
    });

    it('creates, edits and deletes streams with https links only', async () => {
      const { streams } = await newEvent('streams-lab');
      const path = '/events/streams-lab/streams';
      const http = await call<ApiErrorBody>('POST', path, 'programme', {
        name: 'Room C',
        virtualUrl: 'http://meet.example.eu/c',
      });
      expect(http.status).toBe(400);
      expect(http.body.details).toEqual(['virtualUrl must be an https:// address']);
      expect(
        (
          await call('POST', path, 'programme', {
            name: 'Room C',
            virtualUrl: 'javascript:alert(1)',
          })
        ).status,
      ).toBe(400);
      expect((await call('POST', path, 'programme', { name: 'Plenary' })).status).toBe(409);

      const roomC = await expectStatus<StreamView>(201, 'POST', path, 'programme', {
        name: 'Room C',
        capacity: 80,
      });
      expect(roomC).toMatchObject({ name: 'Room C', virtualUrl: null, capacity: 80 });
      const edited = await expectStatus<StreamView>(
        200,
        'PATCH',
        `${path}/${roomC.id}`,
        'programme',
        {
          virtualUrl: 'https://meet.example.eu/c',
          capacity: null,
        },
      );
      expect(edited).toEqual({ ...roomC, virtualUrl: 'https://meet.example.eu/c', capacity: null });
      expect(
        (await call('PATCH', `${path}/${roomC.id}`, 'programme', { name: 'Room B' })).status,
      ).toBe(409);
      const detail = await expectStatus<EventDetail>(
        200,
        'GET',
        '/events/streams-lab',
        'anonymous',
      );
      expect(detail.streams.map((s) => s.name)).toEqual(['Plenary', 'Room B', 'Room C']);

      await expectStatus(204, 'DELETE', `${path}/${streams[1].id}`, 'programme');
      await expectStatus(404, 'PATCH', `${path}/${streams[1].id}`, 'programme', { name: 'Again' });
    });

    it('lets exactly one of concurrent duplicates in, and answers the others 409', async () => {
      await newEvent('race-lab');
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          call('POST', '/events/race-lab/streams', 'programme', {
            name: 'Room Z',
            capacity: 10 + i,
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    });

    it('refuses organisers of another event', async () => {
      const { days, streams } = await newEvent('closed-lab');
      const attempts: Array<['POST' | 'PATCH' | 'DELETE', string, unknown?]> = [
        ['POST', '/events/closed-lab/days', { date: '2026-10-25', title: 'X' }],
        ['PATCH', `/events/closed-lab/days/${days[0].id}`, { title: 'X' }],
        ['DELETE', `/events/closed-lab/days/${days[0].id}`],
        [
          'POST',
          '/events/closed-lab/tracks',
          { slug: 'x', name: 'X', kind: 'theme', color: '#000000' },
        ],
        ['POST', '/events/closed-lab/streams', { name: 'X' }],
        ['DELETE', `/events/closed-lab/streams/${streams[0].id}`],
      ];
      for (const [method, path, body] of attempts) {
        expect({ method, path, status: (await call(method, path, 'summit', body)).status }).toEqual(
          {
            method,
            path,
            status: 403,
          },
        );
        expect((await call(method, path, 'anonymous', body)).status).toBe(401);
      }
    });
  });

  describe('speakers', () => {
    it('are managed by organisers of any event, with private email and availability', async () => {
      const created = await expectStatus<SpeakerAdminView>(201, 'POST', '/speakers', 'summit', {
        name: 'Anna Novak',
        title: 'Deputy Mayor',
        organisation: 'City of Ljubljana',
        email: 'Anna.Novak@Ljubljana.example',
        availability: [
          { startsAt: '2026-10-25T12:00:00+02:00', endsAt: '2026-10-25T18:00:00+01:00' },
          { startsAt: '2026-10-24T07:00:00Z', endsAt: '2026-10-24T12:00:00Z' },
        ],
      });
      expect(created).toEqual({
        id: expect.any(String) as string,
        name: 'Anna Novak',
        title: 'Deputy Mayor',
        organisation: 'City of Ljubljana',
        bio: null,
        cityId: null,
        email: 'anna.novak@ljubljana.example',
        availability: [
          { startsAt: '2026-10-24T07:00:00.000Z', endsAt: '2026-10-24T12:00:00.000Z' },
          { startsAt: '2026-10-25T10:00:00.000Z', endsAt: '2026-10-25T17:00:00.000Z' },
        ],
      });
      const list = await expectStatus<SpeakerAdminView[]>(200, 'GET', '/speakers', 'programme');
      expect(list.find((s) => s.id === created.id)).toEqual(created);

      const edited = await expectStatus<SpeakerAdminView>(
        200,
        'PATCH',
        `/speakers/${created.id}`,
        'summit',
        { bio: 'Leads the green deal of Ljubljana.', availability: [], email: null },
      );
      expect(edited).toEqual({
        ...created,
        bio: 'Leads the green deal of Ljubljana.',
        availability: [],
        email: null,
      });

      expect((await call('GET', '/speakers', 'attendee')).status).toBe(403);
      expect((await call('GET', '/speakers', 'anonymous')).status).toBe(401);
      expect((await call('POST', '/speakers', 'attendee', { name: 'X' })).status).toBe(403);
      await expectStatus(
        404,
        'PATCH',
        '/speakers/00000000-0000-4000-8000-000000000000',
        'programme',
        {
          name: 'Nobody',
        },
      );
    });

    it('refuses unknown cities, backwards windows and bad fields', async () => {
      const city = await call<ApiErrorBody>('POST', '/speakers', 'programme', {
        name: 'X',
        cityId: '00000000-0000-4000-8000-000000000000',
      });
      expect(city.status).toBe(400);
      expect(city.body.details).toEqual([
        'cityId: no city 00000000-0000-4000-8000-000000000000 in the programme',
      ]);
      const backwards = await call<ApiErrorBody>('POST', '/speakers', 'programme', {
        name: 'X',
        availability: [{ startsAt: '2026-10-24T12:00:00Z', endsAt: '2026-10-24T11:00:00Z' }],
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.details).toEqual(['availability[0]: endsAt must be after startsAt']);
      for (const body of [
        { name: '' },
        { name: 'X', email: 'not-an-address' },
        {
          name: 'X',
          availability: [{ startsAt: '2026-10-24T12:00:00', endsAt: '2026-10-24T13:00:00Z' }],
        },
        {
          name: 'X',
          availability: [
            { startsAt: '2026-10-24T12:00:00Z', endsAt: '2026-10-24T13:00:00Z', x: 1 },
          ],
        },
        { name: 'X', accountId: '00000000-0000-4000-8000-000000000000' },
      ]) {
        expect({
          body,
          status: (await call('POST', '/speakers', 'programme', body)).status,
        }).toEqual({
          body,
          status: 400,
        });
      }
    });
  });

  describe('draft sessions', () => {
    it('creates, lists, edits and deletes sessions with their people', async () => {
      const { days, streams } = await newEvent('draft-lab');
      const track = await expectStatus<TrackView>(
        201,
        'POST',
        '/events/draft-lab/tracks',
        'programme',
        {
          slug: 'tourism',
          name: 'Green and digital transition in tourism',
          kind: 'theme',
          color: '#0b5c75',
        },
      );
      const moderator = await speaker('Ben Duarte');
      const panellist = await speaker('Chloé Martin');
      const rapporteur = await speaker('Dara Walsh');
      const path = '/events/draft-lab/draft/sessions';

      // 00:30 on 25 October in Brussels (still summer time) is 22:30 UTC on the 24th: day 2.
      const created = await expectStatus<SessionResult>(201, 'POST', path, 'programme', {
        ...sessionBody(
          'Tourism after the pandemic',
          '2026-10-24T22:30:00Z',
          '2026-10-24T23:30:00Z',
        ),
        abstract: 'How cities bring visitors back.',
        format: 'panel',
        language: 'fr',
        capacity: 120,
        trackId: track.id,
        streamId: streams[0].id,
        people: [
          { speakerId: moderator.id, role: 'moderator' },
          { speakerId: panellist.id, role: 'speaker' },
          { speakerId: rapporteur.id, role: 'rapporteur' },
          { speakerId: moderator.id, role: 'speaker' },
        ],
      });
      expect(created.conflicts).toEqual([]);
      expect(created.session).toMatchObject({
        eventSlug: 'draft-lab',
        dayId: days[1].id,
        trackId: track.id,
        streamId: streams[0].id,
        title: 'Tourism after the pandemic',
        format: 'panel',
        audience: 'cities',
        language: 'fr',
        status: 'scheduled',
        capacity: 120,
        startsAt: '2026-10-24T22:30:00.000Z',
        endsAt: '2026-10-24T23:30:00.000Z',
        published: false,
        people: [
          { speakerId: panellist.id, role: 'speaker', name: 'Chloé Martin' },
          { speakerId: moderator.id, role: 'speaker', name: 'Ben Duarte' },
          { speakerId: moderator.id, role: 'moderator', name: 'Ben Duarte' },
          { speakerId: rapporteur.id, role: 'rapporteur', name: 'Dara Walsh' },
        ],
      });
      const id = created.session.id;

      const plain = await expectStatus<SessionResult>(201, 'POST', path, 'programme', {
        ...sessionBody('Networking', '2026-10-24T08:00:00+02:00', '2026-10-24T09:00:00+02:00'),
        dayId: null,
      });
      expect(plain.session).toMatchObject({
        dayId: null,
        trackId: null,
        streamId: null,
        format: 'plenary',
        language: 'en',
        capacity: null,
        abstract: '',
        people: [],
        startsAt: '2026-10-24T06:00:00.000Z',
      });

      const list = await expectStatus<DraftSessionView[]>(200, 'GET', path, 'programme');
      expect(list.map((s) => s.title)).toEqual(['Networking', 'Tourism after the pandemic']);

      const moved = await expectStatus<SessionResult>(200, 'PATCH', `${path}/${id}`, 'programme', {
        startsAt: '2026-10-24T08:00:00Z',
        endsAt: '2026-10-24T09:00:00Z',
        people: [{ speakerId: panellist.id, role: 'moderator' }],
        trackId: null,
        capacity: null,
      });
      expect(moved.session).toMatchObject({
        dayId: days[0].id,
        trackId: null,
        capacity: null,
        title: 'Tourism after the pandemic',
        streamId: streams[0].id,
        people: [{ speakerId: panellist.id, role: 'moderator', name: 'Chloé Martin' }],
      });
      expect(Date.parse(moved.session.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(created.session.updatedAt),
      );
      const retitled = await expectStatus<SessionResult>(
        200,
        'PATCH',
        `${path}/${id}`,
        'programme',
        {
          title: 'Tourism, reimagined',
          dayId: days[1].id,
        },
      );
      expect(retitled.session).toMatchObject({ title: 'Tourism, reimagined', dayId: days[1].id });
      expect(retitled.session.startsAt).toBe('2026-10-24T08:00:00.000Z');

      await expectStatus(204, 'DELETE', `${path}/${plain.session.id}`, 'programme');
      await expectStatus(404, 'DELETE', `${path}/${plain.session.id}`, 'programme');
      await expectStatus(404, 'PATCH', `${path}/${plain.session.id}`, 'programme', { title: 'X' });

      // A day's deletion leaves its sessions in place, without a day.
      await expectStatus(204, 'DELETE', `/events/draft-lab/days/${days[1].id}`, 'programme');
      const [left] = await expectStatus<DraftSessionView[]>(200, 'GET', path, 'programme');
      expect(left).toMatchObject({ id, dayId: null });

      const log = await expectStatus<Array<{ action: string; details: Record<string, string> }>>(
        200,
        'GET',
        '/events/draft-lab/audit-log',
        'programme',
      );
      expect(log.map((e) => e.action)).toEqual(
        expect.arrayContaining([
          'event.created',
          'day.created',
          'stream.created',
          'track.created',
          'session.created',
          'session.updated',
          'session.deleted',
          'day.deleted',
        ]),
      );
      expect(log.find((e) => e.action === 'session.updated')?.details).toMatchObject({
        sessionId: id,
        fields: 'title,dayId',
      });
      const speakerLog = await hub.dataSource
        .getRepository(AuditEntryEntity)
        .findBy({ action: 'speaker.created' });
      expect(speakerLog.length).toBeGreaterThanOrEqual(3);
    });

    it('answers bad input with 400 naming every unknown reference', async () => {
      const { streams } = await newEvent('refs-lab');
      const other = await newEvent('other-refs-lab');
      const path = '/events/refs-lab/draft/sessions';
      const nobody = '00000000-0000-4000-8000-000000000001';
      const known = await speaker('Eva Lind');
      const unknown = await call<ApiErrorBody>('POST', path, 'programme', {
        ...sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
        trackId: nobody,
        streamId: other.streams[0].id,
        dayId: other.days[0].id,
        people: [
          { speakerId: known.id, role: 'speaker' },
          { speakerId: nobody, role: 'moderator' },
          { speakerId: known.id, role: 'speaker' },
        ],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual([
        `trackId: this event has no track ${nobody}`,
        `streamId: this event has no stream ${other.streams[0].id}`,
        `dayId: this event has no day ${other.days[0].id}`,
        `people[2]: ${known.id} is already listed as speaker`,
        `people[1].speakerId: no person ${nobody} on the programme`,
      ]);

      const backwards = await call<ApiErrorBody>(
        'POST',
        path,
        'programme',
        sessionBody('X', '2026-10-24T09:00:00Z', '2026-10-24T09:00:00Z'),
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.details).toEqual(['endsAt must be after startsAt']);

      const invalid: unknown[] = [
        sessionBody('X', '2026-10-24T08:00:00', '2026-10-24T09:00:00Z'),
        sessionBody('X', 'tomorrow', '2026-10-24T09:00:00Z'),
        sessionBody('', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
        { ...sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'), audience: 'all' },
        { ...sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'), status: 'draft' },
        { ...sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'), capacity: 0 },
        { ...sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'), trackId: 'x' },
        {
          ...sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
          people: [{ speakerId: known.id, role: 'keynote' }],
        },
        {
          ...sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
          calendarSequence: 9,
        },
        { title: 'X', audience: 'public' },
      ];
      for (const body of invalid) {
        expect({ body, status: (await call('POST', path, 'programme', body)).status }).toEqual({
          body,
          status: 400,
        });
      }

      const { session } = await expectStatus<SessionResult>(201, 'POST', path, 'programme', {
        ...sessionBody('Y', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
        streamId: streams[0].id,
      });
      const sessionPath = `${path}/${session.id}`;
      for (const body of [
        { title: null },
        { startsAt: null },
        { endsAt: '2026-10-24T07:00:00Z' },
      ]) {
        expect({
          body,
          status: (await call('PATCH', sessionPath, 'programme', body)).status,
        }).toEqual({
          body,
          status: 400,
        });
      }
      // A session of another event is not found through this one.
      const foreign = await expectStatus<SessionResult>(
        201,
        'POST',
        '/events/other-refs-lab/draft/sessions',
        'programme',
        sessionBody('Z', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
      );
      await expectStatus(404, 'PATCH', `${path}/${foreign.session.id}`, 'programme', {
        title: 'Mine',
      });
      await expectStatus(404, 'DELETE', `${path}/${foreign.session.id}`, 'programme');
      await expectStatus(404, 'GET', '/events/no-such-lab/draft/sessions', 'programme');
      await expectStatus(404, 'GET', '/events/no-such-lab/draft/conflicts', 'programme');
    });

    it('is closed to organisers of other events', async () => {
      await newEvent('private-lab');
      const path = '/events/private-lab/draft/sessions';
      const { session } = await expectStatus<SessionResult>(
        201,
        'POST',
        path,
        'programme',
        sessionBody('Secret', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
      );
      for (const [method, target, body] of [
        ['GET', path, undefined],
        ['GET', '/events/private-lab/draft/conflicts', undefined],
        ['POST', path, sessionBody('X', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z')],
        ['PATCH', `${path}/${session.id}`, { title: 'Mine now' }],
        ['DELETE', `${path}/${session.id}`, undefined],
      ] as const) {
        expect((await call(method, target, 'summit', body)).status).toBe(403);
        expect((await call(method, target, 'attendee', body)).status).toBe(403);
        expect((await call(method, target, 'anonymous', body)).status).toBe(401);
      }
      const [still] = await expectStatus<DraftSessionView[]>(200, 'GET', path, 'programme');
      expect(still.title).toBe('Secret');
    });

    it('cancels a published session but never deletes it, and leaves its calendar sequence alone', async () => {
      await newEvent('released-lab');
      const path = '/events/released-lab/draft/sessions';
      const { session } = await expectStatus<SessionResult>(
        201,
        'POST',
        path,
        'programme',
        sessionBody('Opening', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z'),
      );
      const releasedAt = new Date('2026-09-01T10:00:00.000Z');
      const rows = hub.dataSource.getRepository(SessionEntity);
      await rows.update({ id: session.id }, { firstReleasedAt: releasedAt, calendarSequence: 3 });

      const moved = await expectStatus<SessionResult>(
        200,
        'PATCH',
        `${path}/${session.id}`,
        'programme',
        {
          title: 'Opening of the City Lab',
          startsAt: '2026-10-24T09:00:00Z',
          endsAt: '2026-10-24T10:00:00Z',
        },
      );
      expect(moved.session.published).toBe(true);

      const refused = await call<ApiErrorBody>('DELETE', `${path}/${session.id}`, 'programme');
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/published.*cannot be deleted; cancel it instead/);

      const cancelled = await expectStatus<SessionResult>(
        200,
        'PATCH',
        `${path}/${session.id}`,
        'programme',
        { status: 'cancelled' },
      );
      expect(cancelled.session.status).toBe('cancelled');
      const row = await rows.findOneByOrFail({ id: session.id });
      expect(row).toMatchObject({
        title: 'Opening of the City Lab',
        status: 'cancelled',
        calendarSequence: 3,
        firstReleasedAt: releasedAt,
      });
    });
  });

  describe('conflicts', () => {
    it('reports each kind of conflict for real overlaps, and forgets cancelled sessions', async () => {
      const { streams } = await newEvent('conflict-lab');
      const [plenary, roomB] = streams.map((s) => s.id);
      const anna = await speaker('Anna Novak');
      const ben = await speaker('Ben Duarte', {
        availability: [{ startsAt: '2026-10-24T07:00:00Z', endsAt: '2026-10-24T12:00:00Z' }],
      });
      const chloe = await speaker('Chloé Martin');
      const path = '/events/conflict-lab/draft/sessions';
      const add = (title: string, startsAt: string, endsAt: string, extra: object) =>
        expectStatus<SessionResult>(201, 'POST', path, 'programme', {
          ...sessionBody(title, startsAt, endsAt),
          ...extra,
        });

      const opening = await add('Opening', '2026-10-24T08:00:00Z', '2026-10-24T09:00:00Z', {
        streamId: plenary,
        people: [
          { speakerId: anna.id, role: 'speaker' },
          { speakerId: chloe.id, role: 'moderator' },
        ],
      });
      expect(opening.conflicts).toEqual([]);

      const workshop = await add('Workshop', '2026-10-24T08:30:00Z', '2026-10-24T09:30:00Z', {
        streamId: roomB,
        people: [{ speakerId: anna.id, role: 'speaker' }],
      });
      expect(workshop.conflicts).toEqual([
        {
          kind: 'speaker-double-booked',
          severity: 'hard',
          sessionIds: [opening.session.id, workshop.session.id],
          speakerId: anna.id,
          message:
            'Anna Novak is on the programme of both "Opening" and "Workshop", which overlap.',
        },
      ]);

      const briefing = await add('Briefing', '2026-10-24T08:40:00Z', '2026-10-24T09:00:00Z', {
        streamId: plenary,
        people: [{ speakerId: chloe.id, role: 'speaker' }],
      });
      expect(briefing.conflicts).toEqual([
        expect.objectContaining({
          kind: 'moderator-double-booked',
          sessionIds: [opening.session.id, briefing.session.id],
          speakerId: chloe.id,
          message:
            'Chloé Martin moderates "Opening" while also taking part in "Briefing" at the same time.',
        }),
        expect.objectContaining({
          kind: 'stream-overlap',
          sessionIds: [opening.session.id, briefing.session.id],
          streamId: plenary,
          message: '"Opening" and "Briefing" overlap in stream "Plenary".',
        }),
      ]);

      const lateTalk = await add('Late talk', '2026-10-24T13:00:00Z', '2026-10-24T14:00:00Z', {
        people: [{ speakerId: ben.id, role: 'speaker' }],
      });
      expect(lateTalk.conflicts).toEqual([
        expect.objectContaining({
          kind: 'speaker-unavailable',
          severity: 'hard',
          sessionIds: [lateTalk.session.id],
          speakerId: ben.id,
          message: '"Late talk" is outside the times Ben Duarte said they are available.',
        }),
      ]);

      // 23:00–23:55 on 25 October in Brussels (winter time again) is still inside the event.
      const lastHour = await add('Last hour', '2026-10-25T22:00:00Z', '2026-10-25T22:55:00Z', {});
      expect(lastHour.conflicts).toEqual([]);
      expect(lastHour.session.dayId).not.toBeNull();
      const dayAfter = await add('Day after', '2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z', {});
      expect(dayAfter.conflicts).toEqual([
        expect.objectContaining({ kind: 'outside-event-dates', sessionIds: [dayAfter.session.id] }),
      ]);

      const followUp = await add('Follow-up', '2026-10-24T09:35:00Z', '2026-10-24T10:30:00Z', {
        streamId: plenary,
        people: [{ speakerId: anna.id, role: 'rapporteur' }],
      });
      expect(followUp.conflicts).toEqual([
        {
          kind: 'stream-change-too-short',
          severity: 'soft',
          sessionIds: [workshop.session.id, followUp.session.id],
          speakerId: anna.id,
          message:
            'Anna Novak has 5 minutes to get from "Workshop" in stream "Room B" to "Follow-up" ' +
            'in stream "Plenary"; a change of stream needs 10 minutes.',
        },
      ]);

      const all = await expectStatus<ScheduleConflict[]>(
        200,
        'GET',
        '/events/conflict-lab/draft/conflicts',
        'programme',
      );
      expect([...new Set(all.map((c) => c.kind))].sort()).toEqual([
        'moderator-double-booked',
        'outside-event-dates',
        'speaker-double-booked',
        'speaker-unavailable',
        'stream-change-too-short',
        'stream-overlap',
      ]);

      const cancelled = await expectStatus<SessionResult>(
        200,
        'PATCH',
        `${path}/${workshop.session.id}`,
        'programme',
        { status: 'cancelled' },
      );
      expect(cancelled.conflicts).toEqual([]);
      const after = await expectStatus<ScheduleConflict[]>(
        200,
        'GET',
        '/events/conflict-lab/draft/conflicts',
        'programme',
      );
      expect(after.map((c) => c.kind)).not.toContain('speaker-double-booked');
      expect(after.map((c) => c.kind)).not.toContain('stream-change-too-short');

      // Anna goes from the opening (Plenary, until 09:00) to the follow-up, moved to Room B at
      // 09:35: enough for 10 minutes, too little once the event asks for 45.
      const roomChange = await expectStatus<SessionResult>(
        200,
        'PATCH',
        `${path}/${followUp.session.id}`,
        'programme',
        { streamId: roomB },
      );
      expect(roomChange.conflicts).toEqual([]);
      await expectStatus(200, 'PATCH', '/events/conflict-lab', 'programme', {
        streamChangeBufferMinutes: 45,
      });
      const buffered = await expectStatus<ScheduleConflict[]>(
        200,
        'GET',
        '/events/conflict-lab/draft/conflicts',
        'programme',
      );
      expect(buffered.filter((c) => c.kind === 'stream-change-too-short')).toEqual([
        expect.objectContaining({
          sessionIds: [opening.session.id, followUp.session.id],
          speakerId: anna.id,
        }),
      ]);
    });
  });
});
