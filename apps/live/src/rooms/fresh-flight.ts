/**
 * Shares work between callers that all need a result computed after they asked, such as the
 * room snapshot of thousands of anonymous viewers joining at once: while one computation runs,
 * every caller that arrives waits for the next one, which starts when it ends. A room is thus
 * computed at most twice at a time however many join, and nobody gets a result older than their
 * request (they joined the room first, so nothing between the two is lost).
 */
export class FreshFlight<T> {
  private readonly flights = new Map<string, { running: Promise<T>; next: Promise<T> | null }>();

  constructor(private readonly compute: (key: string) => Promise<T>) {}

  get(key: string): Promise<T> {
    const flight = this.flights.get(key);
    if (!flight) return this.start(key);
    flight.next ??= flight.running.then(
      () => this.start(key),
      () => this.start(key),
    );
    return flight.next;
  }

  private start(key: string): Promise<T> {
    const running = this.compute(key);
    const flight = { running, next: null };
    this.flights.set(key, flight);
    const settle = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    running.then(settle, settle);
    return running;
  }
}
