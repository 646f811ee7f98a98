import type { Logger } from 'pino';
import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerSession,
  type SMTPServerError,
} from 'smtp-server';
import type { MailStore } from './mail-store.js';

export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function smtpError(message: string, responseCode: number): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The SMTP side: no authentication, no TLS (loopback only), every recipient accepted. A message is
 * answered 250 only once its file is in place, so a sender that got 250 finds it in the index.
 */
export class SmtpIntake {
  private readonly server: SMTPServer;
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: MailStore,
    private readonly logger: Logger,
    private readonly shutdownTimeoutMs: number,
  ) {
    this.server = new SMTPServer({
      name: 'icc-hub-mail-capture',
      banner: 'ICC Hub mail capture',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      disableReverseLookup: true,
      logger: false,
      // The sweep in close() ends idle connections at once; this only cuts off a stuck transfer.
      closeTimeout: Math.max(100, shutdownTimeoutMs - 1000),
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
  }

  /** Until listening, an error (the port is taken) fails the start; after, it is a client's. */
  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.server.on('error', (error: NodeJS.ErrnoException) => {
          this.logger.warn({ code: error.code }, 'smtp connection error');
        });
        resolve();
      });
    });
  }

  /**
   * Stops accepting connections; a connection in the middle of a transaction may finish it, idle
   * ones (a sender's pool) are told 421 right away instead of holding shutdown up.
   */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => {
        clearInterval(this.sweep);
        resolve();
      });
      const closeIdle = (): void => {
        for (const connection of this.server.connections) {
          if (connection.session.envelope.mailFrom === false) {
            connection.send(421, 'Server shutting down');
            connection.close();
          }
        }
      };
      closeIdle();
      this.sweep = setInterval(closeIdle, 50);
    });
  }

  private receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('error', (error) => callback(error));
    stream.once('end', () => {
      if (stream.sizeExceeded) {
        this.logger.info({ bytes: stream.byteLength }, 'message over the size limit refused');
        callback(smtpError(`Message exceeds the limit of ${MAX_MESSAGE_BYTES} bytes`, 552));
        return;
      }
      const { mailFrom, rcptTo } = session.envelope;
      const envelope = {
        from: mailFrom === false ? '' : mailFrom.address,
        to: rcptTo.map((r) => r.address),
      };
      this.store.add(Buffer.concat(chunks), envelope).then(
        (message) => {
          this.logger.debug({ id: message.id, size: message.size }, 'message captured');
          callback(null, `Captured as ${message.id}`);
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'could not store a message');
          callback(smtpError('Could not store the message, try again later', 451));
        },
      );
    });
  }
}
