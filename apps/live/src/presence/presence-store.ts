import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Who is in each session's room, kept in Redis so any live process answers with one HLEN instead
 * of asking every process for its sockets (`fetchSockets`).
 *
 * Model (all keys under `keyPrefix`, default `icc:live:presence:`):
 * - `room:<sessionId>`, a hash: person → that person's sockets in the room over every process.
 *   A person is an account id, or `anon:<socketId>` for a viewer who is not signed in, so a person
 *   with several tabs or devices is one field and the count is the hash's length.
 * - `instance:<instanceId>`, a hash: `<sessionId>|<person>` → this process's share of that field,
 *   so the share of a process that is gone can be taken back out of the rooms.
 * - `alive:<instanceId>`, a key with a lease (`leaseMs`, renewed every `heartbeatMs`), and the set
 *   `instances` of the ids that may hold a share.
 * Every change is one Lua script, so the room and the contribution hashes never disagree, fields
 * are removed at zero and never go negative, and a `left` without its `joined` changes nothing.
 *
 * Crash behaviour: a killed process stops renewing its lease; once it has expired, the janitor that
 * runs on every process (every `heartbeatMs`) subtracts the dead process's share in one script,
 * which checks the lease and the contribution hash itself, so racing janitors subtract it once.
 * A killed process's people therefore disappear within `leaseMs + heartbeatMs`. A graceful
 * `close()` takes the share out at once.
 *
 * Self-healing: the store also keeps its own share in memory (one entry per session and person it
 * has sockets for, so bounded by its sockets; no queue). When a process was reaped although it is
 * alive (event loop stalled past the lease, Redis unreachable), or a command failed or the
 * connection was re-established (a command may then have been lost or resent), the next heartbeat
 * replaces the process's share in Redis with that in-memory truth in one script.
 *
 * The scripts touch keys they derive from hash contents (room keys from contribution fields), so
 * on a Redis Cluster the prefix must carry a hash tag, e.g. `{icc:live:presence}:`.
 */
export interface PresenceStoreOptions {
  /** Unique per process; a random UUID by default. */
  instanceId?: string;
  keyPrefix?: string;
  heartbeatMs?: number;
  leaseMs?: number;
  /** Failures of the heartbeat or janitor timers (they never throw); ignored when unset. */
  onError?: (error: unknown) => void;
}

export const PRESENCE_KEY_PREFIX = 'icc:live:presence:';
const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_LEASE_MS = 30_000;

/** Adds a signed amount to a room field and drops it at zero or below. */
const ADJUST = `
local function adjust(roomPrefix, field, delta)
  local bar = string.find(field, '|', 1, true)
  if not bar then return end
  local room = roomPrefix .. string.sub(field, 1, bar - 1)
  local person = string.sub(field, bar + 1)
  if redis.call('HINCRBY', room, person, delta) <= 0 then redis.call('HDEL', room, person) end
end
`;

/**
 * KEYS: instances set, contribution hash, room hash. ARGV: instance id, field, person, ±1.
 * -1: this instance is not registered (reaped); nothing changed, the caller resyncs.
 */
const DELTA = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return -1 end
local delta = tonumber(ARGV[4])
if delta < 0 and tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') <= 0 then return 0 end
if redis.call('HINCRBY', KEYS[2], ARGV[2], delta) <= 0 then redis.call('HDEL', KEYS[2], ARGV[2]) end
if redis.call('HINCRBY', KEYS[3], ARGV[3], delta) <= 0 then redis.call('HDEL', KEYS[3], ARGV[3]) end
return 1
`;

/**
 * KEYS: alive key, contribution hash, instances set. ARGV: instance id, room prefix, force.
 * Without force, an instance whose lease is still there is left alone (-1), and one that is no
 * longer registered (another janitor got there first) too (-2). Else the number of fields taken out.
 */
const REAP = `${ADJUST}
if ARGV[3] ~= '1' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
  if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 0 then return -2 end
end
local share = redis.call('HGETALL', KEYS[2])
for i = 1, #share, 2 do adjust(ARGV[2], share[i], -tonumber(share[i + 1])) end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
if ARGV[3] == '1' then redis.call('DEL', KEYS[1]) end
return #share / 2
`;

/** KEYS: alive key, instances set. ARGV: instance id, lease ms. 1: was not registered. */
const HEARTBEAT = `
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
return redis.call('SADD', KEYS[2], ARGV[1])
`;

/**
 * KEYS: alive key, contribution hash, instances set. ARGV: instance id, room prefix, lease ms, then
 * field, count pairs: the whole share as this instance knows it. Makes Redis agree with it.
 */
const RESYNC = `${ADJUST}
redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
local want = {}
for i = 4, #ARGV, 2 do want[ARGV[i]] = tonumber(ARGV[i + 1]) end
local have = redis.call('HGETALL', KEYS[2])
local seen = {}
for i = 1, #have, 2 do
  local field, count = have[i], tonumber(have[i + 1])
  seen[field] = true
  local delta = (want[field] or 0) - count
  if delta ~= 0 then adjust(ARGV[2], field, delta) end
end
redis.call('DEL', KEYS[2])
for field, count in pairs(want) do
  if not seen[field] then adjust(ARGV[2], field, count) end
  redis.call('HSET', KEYS[2], field, count)
end
return 1
`;

interface PresenceCommands {
  iccPresenceDelta(
    instances: string,
    contribution: string,
    room: string,
    instanceId: string,
    field: string,
    person: string,
    delta: number,
  ): Promise<number>;
  iccPresenceReap(
    alive: string,
    contribution: string,
    instances: string,
    instanceId: string,
    roomPrefix: string,
    force: '0' | '1',
  ): Promise<number>;
  iccPresenceHeartbeat(
    alive: string,
    instances: string,
    instanceId: string,
    leaseMs: number,
  ): Promise<number>;
  iccPresenceResync(
    alive: string,
    contribution: string,
    instances: string,
    instanceId: string,
    roomPrefix: string,
    leaseMs: number,
    ...pairs: Array<string | number>
  ): Promise<number>;
}

export class PresenceStore {
  readonly instanceId: string;
  private readonly redis: Redis & PresenceCommands;
  private readonly prefix: string;
  private readonly heartbeatMs: number;
  private readonly leaseMs: number;
  private readonly onError: (error: unknown) => void;
  /** This instance's share: `<sessionId>|<person>` → its sockets. Mirrors `instance:<id>`. */
  private readonly share = new Map<string, number>();
  /**
   * Redis may disagree with `share` (failed command, reconnect, reaped): resync next heartbeat.
   * True at first, so a restarted process reusing its instance id replaces its old share.
   */
  private dirty = true;
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  private closed = false;
  private readonly onReady = (): void => {
    this.dirty = true;
  };

  constructor(redis: Redis, options: PresenceStoreOptions = {}) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.prefix = options.keyPrefix ?? PRESENCE_KEY_PREFIX;
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.onError = options.onError ?? (() => undefined);
    if (this.leaseMs <= this.heartbeatMs) {
      throw new Error('PresenceStore: leaseMs must be longer than heartbeatMs');
    }
    redis.defineCommand('iccPresenceDelta', { numberOfKeys: 3, lua: DELTA });
    redis.defineCommand('iccPresenceReap', { numberOfKeys: 3, lua: REAP });
    redis.defineCommand('iccPresenceHeartbeat', { numberOfKeys: 2, lua: HEARTBEAT });
    redis.defineCommand('iccPresenceResync', { numberOfKeys: 3, lua: RESYNC });
    this.redis = redis as Redis & PresenceCommands;
  }

  /** Starts the heartbeat and the janitor (timers unref'd). The first beat is sent at once. */
  start(): void {
    if (this.timer || this.closed) return;
    // Sent now, so it reaches Redis before any joined/left issued after start().
    this.runTick();
    this.timer = setInterval(() => this.runTick(), this.heartbeatMs);
    this.timer.unref();
    this.redis.on('ready', this.onReady);
  }

  /** A socket of `person` entered the room of sessionId (person = an account id, or `anon:<socketId>`). */
  async joined(sessionId: string, person: string): Promise<void> {
    // Async, yet the command is sent synchronously: calls reach Redis in the order they are made.
    if (this.closed) return;
    const field = this.fieldOf(sessionId, person);
    this.share.set(field, (this.share.get(field) ?? 0) + 1);
    return this.send(sessionId, person, field, 1);
  }

  /** A socket of `person` left the room (or disconnected). Without a matching `joined`, a no-op. */
  async left(sessionId: string, person: string): Promise<void> {
    if (this.closed) return;
    const field = this.fieldOf(sessionId, person);
    const mine = this.share.get(field) ?? 0;
    if (mine <= 0) return;
    if (mine === 1) this.share.delete(field);
    else this.share.set(field, mine - 1);
    return this.send(sessionId, person, field, -1);
  }

  /** People in the room across every live process: a person with several sockets (on any process) counts once. */
  async count(sessionId: string): Promise<number> {
    return this.redis.hlen(this.roomKey(sessionId));
  }

  /**
   * Runs the janitor once: takes out the share of every registered instance whose lease is gone.
   * Resolves to the number of instances this call reaped.
   */
  async sweep(): Promise<number> {
    const ids = await this.redis.smembers(this.key('instances'));
    let reaped = 0;
    for (const id of ids) {
      if (id === this.instanceId) continue;
      const result = await this.redis.iccPresenceReap(
        this.key(`alive:${id}`),
        this.key(`instance:${id}`),
        this.key('instances'),
        id,
        this.key('room:'),
        '0',
      );
      if (result >= 0) reaped += 1;
    }
    return reaped;
  }

  /** Graceful shutdown: removes this instance's contributions, stops timers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.redis.off('ready', this.onReady);
    this.share.clear();
    await this.tick;
    await this.redis.iccPresenceReap(
      this.key(`alive:${this.instanceId}`),
      this.key(`instance:${this.instanceId}`),
      this.key('instances'),
      this.instanceId,
      this.key('room:'),
      '1',
    );
  }

  private async send(sessionId: string, person: string, field: string, delta: 1 | -1) {
    try {
      const result = await this.redis.iccPresenceDelta(
        this.key('instances'),
        this.key(`instance:${this.instanceId}`),
        this.roomKey(sessionId),
        this.instanceId,
        field,
        person,
        delta,
      );
      // Not registered (reaped while alive, or before the first heartbeat): the share in memory
      // already has this change; the next heartbeat writes it.
      if (result === -1) this.dirty = true;
    } catch (error) {
      // Applied or not, we cannot tell: the next heartbeat makes Redis agree with `share`.
      this.dirty = true;
      throw error;
    }
  }

  /** One heartbeat then one janitor pass; a tick still running makes the next one skip. */
  private runTick(): void {
    if (this.tick || this.closed) return;
    this.tick = this.beat()
      .then(() => this.sweep())
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      )
      .finally(() => {
        this.tick = undefined;
      });
  }

  private async beat(): Promise<void> {
    if (!this.dirty) {
      const added = await this.redis.iccPresenceHeartbeat(
        this.key(`alive:${this.instanceId}`),
        this.key('instances'),
        this.instanceId,
        this.leaseMs,
      );
      // Not registered before this beat: first start, or reaped while alive. Write the share back.
      if (added === 0) return;
    }
    this.dirty = false;
    const pairs: Array<string | number> = [];
    for (const [field, count] of this.share) pairs.push(field, count);
    try {
      await this.redis.iccPresenceResync(
        this.key(`alive:${this.instanceId}`),
        this.key(`instance:${this.instanceId}`),
        this.key('instances'),
        this.instanceId,
        this.key('room:'),
        this.leaseMs,
        ...pairs,
      );
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  private fieldOf(sessionId: string, person: string): string {
    if (sessionId.includes('|')) throw new Error('PresenceStore: "|" in sessionId');
    return `${sessionId}|${person}`;
  }

  private roomKey(sessionId: string): string {
    return this.key(`room:${sessionId}`);
  }

  private key(suffix: string): string {
    return `${this.prefix}${suffix}`;
  }
}
