import {
  createTransport,
  type SMTPPoolOptions,
  type SMTPPoolSentMessageInfo,
  type Transporter,
} from 'nodemailer';
import { MailerInputError } from './mailer.errors.js';

export interface SmtpTransportOptions {
  /** smtp:// or smtps:// URL of the relay, credentials included. */
  url: string;
  /** Open connections at most. */
  poolSize: number;
  /** Messages per second across the pool; 0 for no limit. */
  ratePerSecond: number;
}

const TIMEOUT_MS = 30_000;
/**
 * Shorter than the socket timeout, so an idle pooled connection is closed with QUIT by us
 * instead of being cut by its own inactivity timer.
 */
const IDLE_TIMEOUT_MS = 25_000;

export type SmtpTransporter = Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;

/** The worker's pooled SMTP transport. Opens no connection until the first message. */
export function createSmtpTransport(options: SmtpTransportOptions): SmtpTransporter {
  if (!Number.isInteger(options.poolSize) || options.poolSize < 1) {
    throw new RangeError(`poolSize must be a positive integer, got ${options.poolSize}`);
  }
  if (!Number.isInteger(options.ratePerSecond) || options.ratePerSecond < 0) {
    throw new RangeError(
      `ratePerSecond must be a non-negative integer, got ${options.ratePerSecond}`,
    );
  }
  return createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.poolSize,
    // Connections are recycled by the idle timer; a message cap would only add reconnects.
    maxMessages: Infinity,
    ...(options.ratePerSecond > 0 ? { rateDelta: 1000, rateLimit: options.ratePerSecond } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    idleTimeout: IDLE_TIMEOUT_MS,
  });
}

export type SmtpErrorClass = 'temporary' | 'permanent';

/** Failures of the connection or the relay, not of the message: another attempt may succeed. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKET',
  'ECONNECTION',
  'EDNS',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETLS',
  'EPROXY',
  'EMAXLIMIT',
]);
/**
 * Refused credentials are the relay configuration's fault, even with a 5xx reply (535): failing
 * every queued mail for good would lose them while an operator fixes the password.
 */
const AUTH_CODES: ReadonlySet<string> = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2']);
/** Raised by nodemailer before talking to the server, about this message (bad address, size). */
const MESSAGE_CODES: ReadonlySet<string> = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);
/** Only replies to these commands say something about the message itself. */
const MESSAGE_COMMAND = /^(?:MAIL|RCPT|DATA)\b/i;

interface SmtpErrorShape {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

function replyCode(error: SmtpErrorShape): number | null {
  if (typeof error.responseCode === 'number') return error.responseCode;
  if (typeof error.response === 'string') {
    const match = /^([2-5]\d\d)[\s-]/.exec(error.response);
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * Whether a failed send is worth retrying. An SMTP reply decides when there is one: 4xx is
 * temporary, 5xx permanent, except 503 (bad sequence of commands: the session was out of step,
 * not the message) and a 5xx to the greeting, EHLO, STARTTLS or AUTH, which refuses this client
 * rather than this message. Connection failures, timeouts and "Connection closed" are
 * temporary; so is anything unknown, since the attempt count bounds retries anyway. What
 * nodemailer refuses before sending (a bad envelope, an oversized message) and a
 * `MailerInputError` (a bad address or data) are permanent.
 */
export function classifySmtpError(error: unknown): SmtpErrorClass {
  if (error instanceof MailerInputError) return 'permanent';
  if (typeof error !== 'object' || error === null) return 'temporary';
  const shape = error as SmtpErrorShape;
  const code = typeof shape.code === 'string' ? shape.code : '';
  const originalCode = typeof shape.originalCode === 'string' ? shape.originalCode : '';

  if (AUTH_CODES.has(code)) return 'temporary';
  const reply = replyCode(shape);
  if (reply !== null && reply >= 400 && reply < 600) {
    if (reply < 500 || reply === 503) return 'temporary';
    const command = typeof shape.command === 'string' ? shape.command : '';
    return command === '' || MESSAGE_COMMAND.test(command) ? 'permanent' : 'temporary';
  }
  if (CONNECTION_CODES.has(code) || CONNECTION_CODES.has(originalCode)) return 'temporary';
  return MESSAGE_CODES.has(code) ? 'permanent' : 'temporary';
}
