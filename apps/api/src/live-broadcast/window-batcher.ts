/**
 * Collects keys per room and flushes each room at most once per window: a burst of votes on one
 * room becomes one broadcast per window whatever the vote rate. The flush reads the current state
 * itself (never a cached value), so the last broadcast of a burst is always the latest state.
 */
export class WindowBatcher {
  private readonly pending = new Map<string, { keys: Set<string>; timer: NodeJS.Timeout }>();
  private closed = false;

  constructor(
    private readonly windowMs: number,
    private readonly flush: (room: string, keys: string[]) => Promise<void>,
    private readonly onError: (error: unknown, room: string) => void,
  ) {}

  changed(room: string, key: string): void {
    if (this.closed) return;
    const open = this.pending.get(room);
    if (open) {
      open.keys.add(key);
      return;
    }
    const timer = setTimeout(() => void this.run(room), this.windowMs);
    this.pending.set(room, { keys: new Set([key]), timer });
  }

  close(): void {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async run(room: string): Promise<void> {
    const batch = this.pending.get(room);
    // Removed before flushing: a change while the flush is in flight opens a window of its own.
    this.pending.delete(room);
    if (!batch || this.closed) return;
    try {
      await this.flush(room, [...batch.keys]);
    } catch (error) {
      this.onError(error, room);
    }
  }
}
