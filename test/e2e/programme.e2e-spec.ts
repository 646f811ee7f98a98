import type {
  ApiErrorBody,
  EventDetail,
  EventSummary,
  SessionDetail,
  SessionView,
} from '@app/contracts';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('read API: events, days, tracks and sessions', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const get = async <T>(path: string, status = 200): Promise<T> => {
    const response = await hub.request(path);
    expect({ path, status: response.status }).toEqual({ path, status });
    return response.body as T;
  };

  it('lists the City Lab, the Mayors’ Summit and the demo event', async () => {
    const events = await get<EventSummary[]>('/api/events');
    const bySlug = new Map(events.map((e) => [e.slug, e]));
    expect(bySlug.get('icc-city-lab-2020')).toMatchObject({
      kind: 'city-lab',
      startDate: '2020-09-28',
      endDate: '2020-10-02',
      timeZone: 'Europe/Brussels',
      isDemo: false,
    });
    expect(bySlug.get('100-mayors-summit-2020')).toMatchObject({
      kind: 'mayors-summit',
      startDate: '2020-10-14',
      endDate: '2020-10-14',
    });
    expect(bySlug.get('icc-demo-city-lab')?.isDemo).toBe(true);
  });

  it('gives an event with its days in order, the ICC themes and transversal services as tracks', async () => {
    const event = await get<EventDetail>('/api/events/icc-city-lab-2020');
    expect(event.days.map((d) => d.date)).toEqual([
      '2020-09-28',
      '2020-09-29',
      '2020-09-30',
      '2020-10-01',
      '2020-10-02',
    ]);
    expect(event.days[1].title).toMatch(/Day 2.*European Green Deal/);
    expect(event.days[2].title).toMatch(/procurement/i);
    expect(event.tracks.filter((t) => t.kind === 'theme')).toHaveLength(5);
    expect(event.tracks.filter((t) => t.kind === 'transversal').map((t) => t.slug)).toEqual([
      'public-procurement',
      'access-to-data',
      'access-to-finance',
    ]);
    expect(event.streams.length).toBeGreaterThan(1);
  });

  it('filters sessions by day, track, audience and language, sorted by start', async () => {
    const all = await get<SessionView[]>('/api/events/icc-city-lab-2020/sessions');
    expect(all.length).toBeGreaterThan(10);
    const starts = all.map((s) => s.startsAt);
    expect([...starts].sort()).toEqual(starts);

    const day2 = await get<SessionView[]>('/api/events/icc-city-lab-2020/sessions?day=2020-09-29');
    expect(day2.length).toBeGreaterThan(0);
    expect(day2.length).toBeLessThan(all.length);
    expect(day2.every((s) => s.startsAt.startsWith('2020-09-29'))).toBe(true);

    const procurement = await get<SessionView[]>(
      '/api/events/icc-city-lab-2020/sessions?track=public-procurement',
    );
    const event = await get<EventDetail>('/api/events/icc-city-lab-2020');
    const trackId = event.tracks.find((t) => t.slug === 'public-procurement')?.id;
    expect(procurement.length).toBeGreaterThan(0);
    expect(procurement.every((s) => s.trackId === trackId)).toBe(true);

    const open = await get<SessionView[]>('/api/events/icc-city-lab-2020/sessions?audience=public');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((s) => s.audience === 'public')).toBe(true);
    expect(open.length).toBeLessThan(all.length);

    const combined = await get<SessionView[]>(
      '/api/events/icc-city-lab-2020/sessions?day=2020-09-28&audience=public&language=en',
    );
    expect(combined.every((s) => s.audience === 'public' && s.language === 'en')).toBe(true);
    expect(await get<SessionView[]>('/api/events/icc-city-lab-2020/sessions?language=el')).toEqual(
      [],
    );
  });

  it('gives times in UTC with the event zone, right on both sides of summer time', async () => {
    const opening = (
      await get<SessionView[]>('/api/events/icc-city-lab-2020/sessions?day=2020-09-28')
    )[0];
    // 10:00 in Brussels on 28 September 2020 is CEST (UTC+2).
    expect(opening.startsAt).toBe('2020-09-28T08:00:00.000Z');
    expect(opening.timeZone).toBe('Europe/Brussels');
    const summit = await get<SessionView[]>('/api/events/100-mayors-summit-2020/sessions');
    expect(summit[0].startsAt).toBe('2020-10-14T08:00:00.000Z');
  });

  it('gives a session with its speakers, moderators and rapporteur', async () => {
    const [opening] = await get<SessionView[]>(
      '/api/events/icc-city-lab-2020/sessions?day=2020-09-28',
    );
    const detail = await get<SessionDetail>(`/api/sessions/${opening.id}`);
    expect(detail.title).toMatch(/Opening/);
    expect(detail.people.find((p) => p.role === 'speaker')).toMatchObject({
      name: 'Ulla Engelmann',
      organisation: expect.stringContaining('DG GROW') as string,
    });
    expect(detail.people.map((p) => p.role)).toContain('moderator');
    expect(detail.day?.dayNumber).toBe(1);
    expect(detail.stream?.name).toBe('Plenary');
  });

  it('answers bad input with 400 and unknown things with 404, in the error shape', async () => {
    const badDay = await hub.request('/api/events/icc-city-lab-2020/sessions?day=29-09-2020');
    expect(badDay.status).toBe(400);
    expect(badDay.body).toMatchObject<Partial<ApiErrorBody>>({
      statusCode: 400,
      error: 'Bad Request',
      details: [expect.stringContaining('day') as string],
    });
    const extra = await hub.request('/api/events/icc-city-lab-2020/sessions?evil=1');
    expect(extra.status).toBe(400);
    const badAudience = await hub.request('/api/events/icc-city-lab-2020/sessions?audience=all');
    expect(badAudience.status).toBe(400);
    const badId = await hub.request('/api/sessions/1%27%20OR%201=1');
    expect(badId.status).toBe(400);
    const badSlug = await hub.request('/api/events/Not_A_Slug');
    expect(badSlug.status).toBe(400);

    const missingEvent = await hub.request('/api/events/no-such-event');
    expect(missingEvent.status).toBe(404);
    expect(missingEvent.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Event "no-such-event" not found',
    });
    const missingSession = await hub.request('/api/sessions/00000000-0000-4000-8000-000000000000');
    expect(missingSession.status).toBe(404);
    const missingSessions = await hub.request('/api/events/no-such-event/sessions');
    expect(missingSessions.status).toBe(404);
  });
});
