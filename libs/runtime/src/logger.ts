import type { LoggerService } from '@nestjs/common';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { currentCorrelationId } from './correlation.js';

/** The fields of a request that Fastify logs (its own default serializer reads the same). */
interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** A path whose last part is a secret (a private calendar feed), written without it. */
export function withoutSecrets(url: string | undefined): string | undefined {
  return url?.replace(/(\/calendar\/feeds\/)[^/?#]+/, '$1[redacted]');
}

/**
 * One pino logger per process, JSON lines on stdout. Request and job logs carry ids, never
 * addresses or names: `redact` is a second line of defence for fields that must not appear, and
 * the request serializer keeps secrets that live in a URL out of the request lines.
 */
export function createLogger(service: string, level: LevelWithSilent): Logger {
  return pino({
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.email',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: withoutSecrets(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  });
}

/** A structured log line through Nest's Logger: `logger.log({ msg: 'mail sent', mailId })`. */
export interface LogFields {
  msg: string;
  [field: string]: unknown;
}

function isLogFields(message: unknown): message is LogFields {
  return (
    typeof message === 'object' &&
    message !== null &&
    !(message instanceof Error) &&
    typeof (message as { msg?: unknown }).msg === 'string'
  );
}

/**
 * Routes Nest's own log lines into the same pino logger. A message given as `LogFields` keeps its
 * fields as JSON fields; a line written for a request or job carries its `correlationId`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, { context });
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, { context, trace });
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, { context });
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, { context });
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, { context });
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, { context });
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    base: Record<string, unknown>,
  ): void {
    const correlationId = currentCorrelationId();
    const fields = correlationId ? { ...base, correlationId } : base;
    if (isLogFields(message)) {
      const { msg, ...rest } = message;
      // A field left undefined (no correlation id on the row) keeps the one of the context.
      const given = Object.entries(rest).filter(([, value]) => value !== undefined);
      this.logger[level]({ ...fields, ...Object.fromEntries(given) }, msg);
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
