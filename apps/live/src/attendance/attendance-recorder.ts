import { randomUUID } from 'node:crypto';
import type { OpenedVisit, VisitStore } from '../../../api/src/attendance/attendance.service.js';

export interface RecorderTiming {
  flushMs: number;
  touchMs: number;
}

/**
 * Records who is in which room and for how long, without a database write per join: a session
 * starting means thousands of joins within seconds. Visits are buffered and written once per
 * flush; open ones are touched every `touchMs`. A failed flush is retried with the next one.
 */
export class AttendanceRecorder {
  private readonly open = new Map<string, OpenedVisit>();
  private opened: OpenedVisit[] = [];
  private closed: Array<{ id: string; at: Date }> = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: VisitStore,
    private readonly onError: (error: unknown) => void,
    timing: RecorderTiming = { flushMs: 1_000, touchMs: 60_000 },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.timers.push(setInterval(() => void this.flush(), timing.flushMs).unref());
    this.timers.push(setInterval(() => void this.touch(), timing.touchMs).unref());
  }

  joined(socketId: string, sessionId: string, accountId: string | null): void {
    const key = `${socketId}:${sessionId}`;
    if (this.open.has(key)) return;
    const visit = { id: randomUUID(), sessionId, accountId, joinedAt: this.now() };
    this.open.set(key, visit);
    this.opened.push(visit);
  }

  left(socketId: string, sessionId: string): void {
    const key = `${socketId}:${sessionId}`;
    const visit = this.open.get(key);
    if (!visit) return;
    this.open.delete(key);
    this.closed.push({ id: visit.id, at: this.now() });
  }

  /** Writes what is buffered; chained, so two flushes never write the same rows. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** Closes every open visit and writes everything (on shutdown). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    const at = this.now();
    for (const visit of this.open.values()) this.closed.push({ id: visit.id, at });
    this.open.clear();
    await this.flush();
  }

  private async write(): Promise<void> {
    const opened = this.opened;
    const closed = this.closed;
    if (opened.length === 0 && closed.length === 0) return;
    this.opened = [];
    this.closed = [];
    try {
      if (opened.length > 0) await this.store.open(opened);
    } catch (error) {
      this.opened = [...opened, ...this.opened];
      this.closed = [...closed, ...this.closed];
      this.onError(error);
      return;
    }
    try {
      if (closed.length > 0) await this.store.close(closed);
    } catch (error) {
      this.closed = [...closed, ...this.closed];
      this.onError(error);
    }
  }

  private async touch(): Promise<void> {
    await this.flushing;
    const ids = [...this.open.values()].map((visit) => visit.id);
    if (ids.length === 0) return;
    try {
      await this.store.touch(ids, this.now());
    } catch (error) {
      this.onError(error);
    }
  }
}
