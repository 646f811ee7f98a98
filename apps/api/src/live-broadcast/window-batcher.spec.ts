import { jest } from '@jest/globals';
import { WindowBatcher } from './window-batcher.js';

describe('WindowBatcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('flushes a burst of changes in one room once per window, with every key', async () => {
    const flushed: Array<[string, string[]]> = [];
    const batcher = new WindowBatcher(
      250,
      (room, keys) => {
        flushed.push([room, keys.sort()]);
        return Promise.resolve();
      },
      () => undefined,
    );
    for (let i = 0; i < 1000; i += 1) batcher.changed('a', `q${i % 3}`);
    batcher.changed('b', 'q9');
    expect(flushed).toEqual([]);
    await jest.advanceTimersByTimeAsync(250);
    expect(flushed).toEqual([
      ['a', ['q0', 'q1', 'q2']],
      ['b', ['q9']],
    ]);
    batcher.changed('a', 'q1');
    await jest.advanceTimersByTimeAsync(249);
    expect(flushed).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(flushed[2]).toEqual(['a', ['q1']]);
  });

  it('reports a failed flush and keeps serving the room', async () => {
    const errors: string[] = [];
    let calls = 0;
    const batcher = new WindowBatcher(
      100,
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('db away')) : Promise.resolve();
      },
      (_error, room) => errors.push(room),
    );
    batcher.changed('a', 'x');
    await jest.advanceTimersByTimeAsync(100);
    batcher.changed('a', 'y');
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(['a']);
    expect(calls).toBe(2);
  });

  it('drops pending work when closed', async () => {
    let calls = 0;
    const batcher = new WindowBatcher(
      100,
      () => {
        calls += 1;
        return Promise.resolve();
      },
      () => undefined,
    );
    batcher.changed('a', 'x');
    batcher.close();
    batcher.changed('a', 'y');
    await jest.advanceTimersByTimeAsync(500);
    expect(calls).toBe(0);
  });
});
