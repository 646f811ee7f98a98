import type { Logger } from 'pino';

interface Closable {
  close(): Promise<void>;
}

/**
 * SIGTERM/SIGINT: stop accepting work, let in-flight work finish, exit 0. A second signal or the
 * timeout forces exit 1 so an orchestrator never waits forever.
 */
export function exitCleanlyOnSignals(app: Closable, logger: Logger, timeoutMs: number): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        logger.info('shutdown complete');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** A configuration error is reported as one line naming the variable, without a stack trace. */
export function exitOnBootError(error: unknown, service: string): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${service}: ${message}\n`);
  process.exit(1);
}
