/**
 * Shares work between callers that all need a result computed after they asked, such as the
 * room snapshot of thousands of anonymous viewers joining at once: while one computation runs,
 * every caller that arrives waits for the next one, which starts when it ends. A room is thus
 * computed at most twice at a time however many join, and nobody gets a result older than their
 * request (they joined the room first, so nothing between the two is lost). A computation runs
 * with the input of the caller that started it: callers of one key must bring equivalent inputs.
 */
export class FreshFlight<T, I = void> {
  private readonly flights = new Map<string, { running: Promise<T>; next: Promise<T> | null }>();

  constructor(private readonly compute: (key: string, input: I) => Promise<T>) {}

  get(key: string, input: I): Promise<T> {
    const flight = this.flights.get(key);
    if (!flight) return this.start(key, input);
    flight.next ??= flight.running.then(
      () => this.start(key, input),
      () => this.start(key, input),
    );
    return flight.next;
  }

  private start(key: string, input: I): Promise<T> {
    const running = this.compute(key, input);
    const flight = { running, next: null };
    this.flights.set(key, flight);
    const settle = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    running.then(settle, settle);
    return running;
  }
}
