/**
 * One running promise per key: a caller that asks while it runs shares it instead of starting the
 * same work again. Once it settles (either way) the next call starts afresh.
 */
export class InFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.running.get(key);
    if (running) return running;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  /** How many keys have work running. */
  get size(): number {
    return this.running.size;
  }
}
