import { jest } from '@jest/globals';
import type { OpenedVisit, VisitStore } from '../../../api/src/attendance/attendance.service.js';
import { AttendanceRecorder } from './attendance-recorder.js';

class MemoryStore implements VisitStore {
  readonly rows = new Map<string, OpenedVisit & { leftAt: Date | null; lastSeenAt: Date }>();
  writes = 0;
  failNext = false;

  private maybeFail(): void {
    this.writes += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database away');
    }
  }

  open(visits: OpenedVisit[]): Promise<void> {
    this.maybeFail();
    for (const v of visits) this.rows.set(v.id, { ...v, leftAt: null, lastSeenAt: v.joinedAt });
    return Promise.resolve();
  }

  close(closed: Array<{ id: string; at: Date }>): Promise<void> {
    this.maybeFail();
    for (const { id, at } of closed) {
      const row = this.rows.get(id);
      if (row) Object.assign(row, { leftAt: at, lastSeenAt: at });
    }
    return Promise.resolve();
  }

  touch(ids: string[], at: Date): Promise<void> {
    this.maybeFail();
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row && !row.leftAt) row.lastSeenAt = at;
    }
    return Promise.resolve();
  }
}

describe('AttendanceRecorder', () => {
  let clock = 0;
  const now = () => new Date(clock);
  let store: MemoryStore;
  let errors: unknown[];
  let recorder: AttendanceRecorder;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
    store = new MemoryStore();
    errors = [];
    recorder = new AttendanceRecorder(
      store,
      (e) => errors.push(e),
      { flushMs: 1_000, touchMs: 60_000 },
      now,
    );
  });

  afterEach(async () => {
    await recorder.close();
    jest.useRealTimers();
  });

  it('writes a storm of joins in one flush, and each stay with its own times', async () => {
    for (let i = 0; i < 1000; i += 1) recorder.joined(`s${i}`, 'room', i % 2 ? `a${i}` : null);
    recorder.joined('s1', 'room', 'a1'); // the same socket joining again is one stay
    await recorder.flush();
    expect(store.rows.size).toBe(1000);
    expect(store.writes).toBe(1);
    clock = 90_000;
    recorder.left('s1', 'room');
    recorder.left('s1', 'room');
    await recorder.flush();
    const stay = [...store.rows.values()].find((r) => r.accountId === 'a1');
    expect(stay?.leftAt?.getTime()).toBe(90_000);
    expect(store.writes).toBe(2);
  });

  it('keeps what a failed flush could not write and writes it with the next one', async () => {
    recorder.joined('s1', 'room', 'a1');
    store.failNext = true;
    await recorder.flush();
    expect(errors).toHaveLength(1);
    expect(store.rows.size).toBe(0);
    await recorder.flush();
    expect(store.rows.size).toBe(1);
  });

  it('touches open stays, so a dead process still counts them up to the last touch', async () => {
    recorder.joined('s1', 'room', 'a1');
    recorder.joined('s2', 'room', 'a2');
    clock = 30_000;
    recorder.left('s2', 'room');
    await jest.advanceTimersByTimeAsync(60_000);
    clock = 60_000;
    await jest.advanceTimersByTimeAsync(60_000);
    const [a1, a2] = [...store.rows.values()];
    expect(a1.leftAt).toBeNull();
    expect(a1.lastSeenAt.getTime()).toBe(60_000);
    expect(a2.leftAt?.getTime()).toBe(30_000);
  });

  it('closes every open stay on shutdown', async () => {
    recorder.joined('s1', 'room', 'a1');
    clock = 5_000;
    await recorder.close();
    expect([...store.rows.values()][0].leftAt?.getTime()).toBe(5_000);
  });
});
