import { InFlight } from './in-flight.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('shares one running piece of work between callers of the same key', async () => {
    const flights = new InFlight<string>();
    const gate = deferred<string>();
    let started = 0;
    const work = () => {
      started += 1;
      return gate.promise;
    };
    const first = flights.run('socket-1 session-a', work);
    const second = flights.run('socket-1 session-a', work);
    const other = flights.run('socket-2 session-a', () => Promise.resolve('other'));
    expect(started).toBe(1);
    expect(flights.size).toBe(2);
    gate.resolve('joined');
    await expect(Promise.all([first, second, other])).resolves.toEqual([
      'joined',
      'joined',
      'other',
    ]);
    expect(flights.size).toBe(0);
  });

  it('starts afresh after the work settled, also after a failure', async () => {
    const flights = new InFlight<number>();
    const failing = deferred<number>();
    const attempt = flights.run('k', () => failing.promise);
    const shared = flights.run('k', () => Promise.resolve(2));
    failing.reject(new Error('database gone'));
    await expect(attempt).rejects.toThrow('database gone');
    await expect(shared).rejects.toThrow('database gone');
    await expect(flights.run('k', () => Promise.resolve(3))).resolves.toBe(3);
    expect(flights.size).toBe(0);
  });
});
