/** Anything that reports Redis trouble as 'error' events: ioredis clients, BullMQ queues and workers. */
export interface ErrorSource {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** An ioredis client, which also says when it is connected again. */
export interface ReadySource {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

export interface OutageLogger {
  warn(message: object): unknown;
  log(message: object): unknown;
}

/**
 * Logs a Redis outage as one line when it starts and one when it ends, instead of an error (or,
 * without a listener, a stack trace on stderr) for every reconnect attempt of every client. The
 * callers keep their own handling of failed commands; this only keeps the log readable and JSON.
 */
export class RedisOutageLog {
  private down = false;
  private errors = 0;
  private since = 0;

  constructor(
    private readonly logger: OutageLogger,
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Listens to `sources`' errors; the clients among `clients` also end an outage when ready. */
  watch(sources: readonly ErrorSource[], clients: readonly ReadySource[] = []): this {
    for (const source of sources) source.on('error', (e) => this.failed(e));
    for (const client of clients) {
      client.on('error', (e) => this.failed(e));
      client.on('ready', () => this.ready());
    }
    return this;
  }

  failed(error: Error): void {
    this.errors++;
    if (this.down) return;
    this.down = true;
    this.since = this.now();
    this.logger.warn({ msg: `${this.what}: Redis unreachable`, error: error.message });
  }

  ready(): void {
    if (!this.down) return;
    this.logger.log({
      msg: `${this.what}: Redis reachable again`,
      afterMs: this.now() - this.since,
      errors: this.errors,
    });
    this.down = false;
    this.errors = 0;
  }
}
