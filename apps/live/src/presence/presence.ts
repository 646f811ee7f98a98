import { LIVE_PRESENCE_WINDOW_MS, type PresenceUpdate } from '@app/contracts';

export interface PresenceSink {
  /** Counts the room across instances (PresenceStore). */
  count(sessionId: string): Promise<number>;
  /** Sends the count to the whole room (through the adapter, so every instance's clients). */
  emit(update: PresenceUpdate): void;
  onError(error: unknown, sessionId: string): void;
}

/**
 * Joins and leaves come in bursts (a session starting, a network blip); each room is counted and
 * announced at most once per window. The count is taken after the window, never cached: another
 * instance may have changed the room meanwhile, so every announcement is the adapter's latest.
 */
export class PresenceCoalescer {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly sink: PresenceSink,
    private readonly windowMs: number = LIVE_PRESENCE_WINDOW_MS,
  ) {}

  /** Someone entered or left the room of `sessionId`. */
  changed(sessionId: string): void {
    if (this.closed || this.pending.has(sessionId)) return;
    this.pending.set(
      sessionId,
      setTimeout(() => void this.announce(sessionId), this.windowMs),
    );
  }

  close(): void {
    this.closed = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async announce(sessionId: string): Promise<void> {
    // Cleared before counting: a change while the count is in flight gets an announcement of its own.
    this.pending.delete(sessionId);
    try {
      const count = await this.sink.count(sessionId);
      if (!this.closed) this.sink.emit({ sessionId, count });
    } catch (error) {
      this.sink.onError(error, sessionId);
    }
  }
}
