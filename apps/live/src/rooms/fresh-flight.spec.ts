import { FreshFlight } from './fresh-flight.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('FreshFlight', () => {
  it('runs once for the first caller and once more for everyone who came while it ran', async () => {
    const runs: Array<ReturnType<typeof deferred<number>>> = [];
    const flight = new FreshFlight((key) => {
      expect(key).toBe('room');
      const run = deferred<number>();
      runs.push(run);
      return run.promise;
    });
    const first = flight.get('room');
    const waiting = Array.from({ length: 100 }, () => flight.get('room'));
    expect(runs).toHaveLength(1);
    runs[0].resolve(1);
    await expect(first).resolves.toBe(1);
    await Promise.resolve();
    expect(runs).toHaveLength(2);
    runs[1].resolve(2);
    // Everyone who asked while the first ran gets a result computed after they asked.
    await expect(Promise.all(waiting)).resolves.toEqual(Array(100).fill(2));
    const later = flight.get('room');
    expect(runs).toHaveLength(3);
    runs[2].resolve(3);
    await expect(later).resolves.toBe(3);
  });

  it('keeps keys apart, and a failure fails only its callers', async () => {
    const runs = new Map<string, Array<ReturnType<typeof deferred<string>>>>();
    const flight = new FreshFlight((key) => {
      const run = deferred<string>();
      runs.set(key, [...(runs.get(key) ?? []), run]);
      return run.promise;
    });
    const a = flight.get('a');
    const b = flight.get('b');
    const aNext = flight.get('a');
    runs.get('a')![0].reject(new Error('db away'));
    runs.get('b')![0].resolve('b1');
    await expect(a).rejects.toThrow('db away');
    await expect(b).resolves.toBe('b1');
    await new Promise((done) => setImmediate(done));
    runs.get('a')![1].resolve('a2');
    await expect(aNext).resolves.toBe('a2');
  });
});
