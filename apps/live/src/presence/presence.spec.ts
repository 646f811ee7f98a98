import type { PresenceUpdate } from '@app/contracts';
import { jest } from '@jest/globals';
import { PresenceCoalescer, type PresenceSink } from './presence.js';

describe('PresenceCoalescer', () => {
  let counts: Map<string, number>;
  let emitted: PresenceUpdate[];
  let errors: Array<{ error: unknown; sessionId: string }>;
  let countCalls: number;
  let sink: PresenceSink;

  beforeEach(() => {
    jest.useFakeTimers();
    counts = new Map();
    emitted = [];
    errors = [];
    countCalls = 0;
    sink = {
      count: (sessionId) => {
        countCalls += 1;
        return Promise.resolve(counts.get(sessionId) ?? 0);
      },
      emit: (update) => emitted.push(update),
      onError: (error, sessionId) => errors.push({ error, sessionId }),
    };
  });

  afterEach(() => jest.useRealTimers());

  it('announces a burst of changes once, with the count taken after the window', async () => {
    const presence = new PresenceCoalescer(sink, 250);
    for (let i = 1; i <= 50; i++) {
      counts.set('s1', i);
      presence.changed('s1');
    }
    await jest.advanceTimersByTimeAsync(249);
    expect(emitted).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(emitted).toEqual([{ sessionId: 's1', count: 50 }]);
    expect(countCalls).toBe(1);
  });

  it('keeps rooms apart and stays within one announcement per window per room', async () => {
    const presence = new PresenceCoalescer(sink, 250);
    counts.set('s1', 3);
    counts.set('s2', 7);
    // Four seconds of a change every 10 ms in two rooms.
    for (let t = 0; t < 4000; t += 10) {
      presence.changed('s1');
      presence.changed('s2');
      await jest.advanceTimersByTimeAsync(10);
    }
    await jest.advanceTimersByTimeAsync(250);
    const perRoom = (id: string) => emitted.filter((u) => u.sessionId === id).length;
    expect(perRoom('s1')).toBeLessThanOrEqual(4000 / 250 + 1);
    expect(perRoom('s1')).toBeGreaterThanOrEqual(4000 / 250 - 1);
    expect(perRoom('s2')).toBe(perRoom('s1'));
    expect(emitted.filter((u) => u.sessionId === 's2').every((u) => u.count === 7)).toBe(true);
  });

  it('announces again when the room changes while a count is in flight', async () => {
    let release: (count: number) => void = () => undefined;
    const slow: PresenceSink = {
      ...sink,
      count: () => new Promise<number>((resolve) => (release = resolve)),
    };
    const presence = new PresenceCoalescer(slow, 100);
    presence.changed('s1');
    await jest.advanceTimersByTimeAsync(100);
    presence.changed('s1');
    release(1);
    await jest.advanceTimersByTimeAsync(0);
    expect(emitted).toEqual([{ sessionId: 's1', count: 1 }]);
    await jest.advanceTimersByTimeAsync(100);
    release(2);
    await jest.advanceTimersByTimeAsync(0);
    expect(emitted).toEqual([
      { sessionId: 's1', count: 1 },
      { sessionId: 's1', count: 2 },
    ]);
  });

  it('reports a failed count and recovers on the next change', async () => {
    let fail = true;
    const flaky: PresenceSink = {
      ...sink,
      count: (sessionId) =>
        fail ? Promise.reject(new Error('redis down')) : sink.count(sessionId),
    };
    const presence = new PresenceCoalescer(flaky, 100);
    presence.changed('s1');
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.sessionId).toBe('s1');
    fail = false;
    counts.set('s1', 2);
    presence.changed('s1');
    await jest.advanceTimersByTimeAsync(100);
    expect(emitted).toEqual([{ sessionId: 's1', count: 2 }]);
  });

  it('announces nothing once closed', async () => {
    const presence = new PresenceCoalescer(sink, 100);
    presence.changed('s1');
    presence.close();
    presence.changed('s2');
    await jest.advanceTimersByTimeAsync(1000);
    expect(emitted).toEqual([]);
    expect(countCalls).toBe(0);
  });
});
