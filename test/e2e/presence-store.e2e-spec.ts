import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { PresenceStore } from '../../apps/live/src/presence/presence-store.js';
import { testRedisUrl } from '../support/environment.js';

const prefix = `icc:test:presence:${randomUUID()}:`;

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/**
 * The room counts of the live processes, kept in a real Redis: several stores stand for several
 * processes, each with a connection of its own, as in production.
 */
describe('PresenceStore (Redis)', () => {
  let admin: Redis;
  const connections: Redis[] = [];
  const stores: PresenceStore[] = [];

  function connection(): Redis {
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    connections.push(redis);
    return redis;
  }

  function store(options: ConstructorParameters<typeof PresenceStore>[1] = {}): PresenceStore {
    const created = new PresenceStore(connection(), { keyPrefix: prefix, ...options });
    stores.push(created);
    created.start();
    return created;
  }

  beforeAll(() => {
    admin = new Redis(testRedisUrl());
  });

  afterEach(async () => {
    await Promise.allSettled(stores.splice(0).map((s) => s.close()));
    // A connection already ended ("crashed") is left alone: disconnecting it twice leaves a timer.
    const open = connections.splice(0).filter((c) => c.status !== 'end');
    await Promise.all(open.map((c) => c.quit()));
  });

  afterAll(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await admin.quit();
  });

  it('counts a person once across processes and each anonymous viewer once', async () => {
    const a = store();
    const b = store();
    const session = randomUUID();
    await Promise.all([
      a.joined(session, 'account-1'),
      a.joined(session, 'account-1'),
      b.joined(session, 'account-1'),
      a.joined(session, 'anon:socket-a'),
      b.joined(session, 'anon:socket-b'),
      b.joined(session, 'account-2'),
    ]);
    expect(await a.count(session)).toBe(4);
    expect(await b.count(session)).toBe(4);
    expect(await admin.hget(`${prefix}room:${session}`, 'account-1')).toBe('3');
    expect(await a.count(randomUUID())).toBe(0);

    await a.left(session, 'account-1');
    await a.left(session, 'account-1');
    // Still on b.
    expect(await a.count(session)).toBe(4);
    await b.left(session, 'account-1');
    expect(await a.count(session)).toBe(3);
    expect(await admin.hexists(`${prefix}room:${session}`, 'account-1')).toBe(0);

    await Promise.all([
      a.left(session, 'anon:socket-a'),
      b.left(session, 'anon:socket-b'),
      b.left(session, 'account-2'),
    ]);
    expect(await b.count(session)).toBe(0);
    expect(await admin.exists(`${prefix}room:${session}`)).toBe(0);
    expect(await admin.exists(`${prefix}instance:${a.instanceId}`)).toBe(0);
  });

  it('ignores a left without its joined, on this process or another', async () => {
    const a = store();
    const b = store();
    const session = randomUUID();
    await a.left(session, 'account-1');
    expect(await admin.exists(`${prefix}room:${session}`)).toBe(0);

    await a.joined(session, 'account-1');
    // b never had this person's socket: it cannot take a's away.
    await b.left(session, 'account-1');
    await a.left(session, 'account-1');
    await a.left(session, 'account-1');
    expect(await a.count(session)).toBe(0);
    await a.joined(session, 'account-1');
    expect(await admin.hget(`${prefix}room:${session}`, 'account-1')).toBe('1');
    expect(await admin.hgetall(`${prefix}instance:${b.instanceId}`)).toEqual({});
  });

  it('ends exact after thousands of concurrent joined and left calls', async () => {
    const a = store();
    const b = store();
    const session = randomUUID();
    const people = Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? `anon:s${i}` : `acc-${i}`));
    // Each person: two sockets on a, one on b, then one of a's leaves; all in flight together.
    await Promise.all(
      people.flatMap((p) => [
        a.joined(session, p),
        b.joined(session, p),
        a.joined(session, p),
        a.left(session, p),
      ]),
    );
    expect(await a.count(session)).toBe(500);
    const room = await admin.hgetall(`${prefix}room:${session}`);
    expect(Object.values(room).every((n) => n === '2')).toBe(true);

    await Promise.all(
      people.flatMap((p) => [a.left(session, p), b.left(session, p), b.left(session, p)]),
    );
    expect(await a.count(session)).toBe(0);
    expect(await admin.exists(`${prefix}instance:${a.instanceId}`)).toBe(0);
    expect(await admin.exists(`${prefix}instance:${b.instanceId}`)).toBe(0);
  });

  it("takes a crashed process's share out within about a second, keeping the others'", async () => {
    const timing = { heartbeatMs: 100, leaseMs: 300 };
    const crashing = store(timing);
    const survivor = store(timing);
    const session = randomUUID();
    await Promise.all([
      crashing.joined(session, 'account-1'),
      crashing.joined(session, 'anon:x'),
      crashing.joined(session, 'shared'),
      survivor.joined(session, 'shared'),
      survivor.joined(session, 'account-2'),
    ]);
    expect(await survivor.count(session)).toBe(4);

    // The process dies: no close(), its connection and its heartbeats are gone.
    connections[0].disconnect();
    const took = await until(async () => (await survivor.count(session)) === 2, 1_500);
    expect(took).toBeLessThan(1_000);
    expect(await admin.hgetall(`${prefix}room:${session}`)).toEqual({
      shared: '1',
      'account-2': '1',
    });
    expect(await admin.sismember(`${prefix}instances`, crashing.instanceId)).toBe(0);
    expect(await admin.exists(`${prefix}instance:${crashing.instanceId}`)).toBe(0);
  });

  it('subtracts a dead share once, however many janitors race for it', async () => {
    // Timers slow enough not to interfere: the janitors are run by hand.
    const slow = { heartbeatMs: 60_000, leaseMs: 120_000 };
    const dead = store(slow);
    const session = randomUUID();
    await Promise.all([dead.joined(session, 'gone'), dead.joined(session, 'shared')]);
    const janitors = Array.from({ length: 6 }, () => store(slow));
    await janitors[0].joined(session, 'shared');
    await janitors[1].joined(session, 'stays');
    expect(await janitors[0].count(session)).toBe(3);
    // Their first janitor passes (at start) done: only the racing passes below can reap.
    await new Promise((r) => setTimeout(r, 200));

    connections[0].disconnect();
    // Lease gone, as if it had expired.
    await admin.del(`${prefix}alive:${dead.instanceId}`);
    const reaped = await Promise.all(janitors.map((j) => j.sweep()));
    expect(reaped.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await admin.hgetall(`${prefix}room:${session}`)).toEqual({ shared: '1', stays: '1' });
  });

  it('leaves a live process alone and restores the share of one reaped by mistake', async () => {
    const timing = { heartbeatMs: 100, leaseMs: 300 };
    const stalled = store(timing);
    const janitor = store({ heartbeatMs: 60_000, leaseMs: 120_000 });
    const session = randomUUID();
    await stalled.joined(session, 'account-1');
    await janitor.joined(session, 'account-2');
    expect(await janitor.sweep()).toBe(0);
    expect(await janitor.count(session)).toBe(2);

    // As if its event loop had stalled past the lease: reaped while it still has the socket.
    await admin.del(`${prefix}alive:${stalled.instanceId}`);
    expect(await janitor.sweep()).toBe(1);
    expect(await janitor.count(session)).toBe(1);
    // A change meanwhile is kept in memory and written with the share.
    await stalled.joined(session, 'anon:late');
    await until(async () => (await janitor.count(session)) === 3, 1_000);
    expect(await admin.hgetall(`${prefix}instance:${stalled.instanceId}`)).toEqual({
      [`${session}|account-1`]: '1',
      [`${session}|anon:late`]: '1',
    });
    await stalled.left(session, 'account-1');
    expect(await janitor.count(session)).toBe(2);
  });

  it('rejects on a Redis failure instead of throwing, and heals once Redis is back', async () => {
    const a = store({ heartbeatMs: 100, leaseMs: 300 });
    const session = randomUUID();
    await a.joined(session, 'account-1');
    connections[0].disconnect();
    let returned: Promise<void> | undefined;
    expect(() => {
      returned = a.joined(session, 'account-2');
    }).not.toThrow();
    await expect(returned).rejects.toThrow();
    await expect(a.joined('bad|id', 'account-1')).rejects.toThrow('"|" in sessionId');
    await connections[0].connect();
    await until(async () => (await admin.hlen(`${prefix}room:${session}`)) === 2, 1_000);
    expect(await admin.hgetall(`${prefix}instance:${a.instanceId}`)).toEqual({
      [`${session}|account-1`]: '1',
      [`${session}|account-2`]: '1',
    });
  });

  it('lets a restarted process that reuses its instance id replace its old share', async () => {
    const instanceId = `pod-${randomUUID()}`;
    const before = store({ instanceId });
    const session = randomUUID();
    await before.joined(session, 'account-1');
    connections[0].disconnect();
    // Back before its lease ran out, with a new socket of someone else.
    const after = store({ instanceId });
    await after.joined(session, 'account-2');
    await until(async () => (await after.count(session)) === 1, 1_000);
    expect(await admin.hgetall(`${prefix}room:${session}`)).toEqual({ 'account-2': '1' });
  });

  it('takes its own share out on close()', async () => {
    const a = store();
    const b = store();
    const session = randomUUID();
    await Promise.all([
      a.joined(session, 'shared'),
      a.joined(session, 'mine'),
      b.joined(session, 'shared'),
    ]);
    await a.close();
    expect(await admin.hgetall(`${prefix}room:${session}`)).toEqual({ shared: '1' });
    expect(await admin.exists(`${prefix}alive:${a.instanceId}`)).toBe(0);
    expect(await admin.exists(`${prefix}instance:${a.instanceId}`)).toBe(0);
    expect(await admin.sismember(`${prefix}instances`, a.instanceId)).toBe(0);
    // Late calls from sockets closing after the store are no-ops.
    await a.joined(session, 'mine');
    expect(await b.count(session)).toBe(1);
  });
});
