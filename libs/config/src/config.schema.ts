import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parseReminderOffsets } from './reminder-offsets.js';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(1).max(65535);

/**
 * Every environment variable the hub reads, with its default. The README and `.env.example` document
 * each of them; a test keeps those and docker-compose.yml in step with this object.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LIVE_PORT: port.default(3001).describe('Port of the live process (Socket.IO namespace /live)'),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Base of every link the hub writes into mails and calendar files'),
  LIVE_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      'Where browsers reach the live process; unset: PUBLIC_BASE_URL on LIVE_PORT (behind a proxy that routes /socket.io/, set it to PUBLIC_BASE_URL)',
    ),
  WORKER_PORT: port
    .default(3002)
    .describe(
      "Port of the worker's health and metrics server (on HOST; /health/live, /health/ready, /metrics)",
    ),
  CORS_ORIGINS: z
    .string()
    .optional()
    .describe(
      'Comma-separated origins (scheme://host[:port]) that browsers may call the api from; unset: PUBLIC_BASE_URL only',
    ),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL connection URL; unset means the embedded SQLite file under DATA_DIR'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .optional()
    .describe('Redis for queues and realtime fan-out; required by the api and the worker'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().min(1).default('apps/web/dist'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  TRUST_PROXY: boolean.default(false),
  WRITE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(300)
    .describe('Writes (POST/PUT/PATCH/DELETE) one signed-in person may make per minute'),
  ANONYMOUS_WRITE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(600)
    .describe('Writes per minute from one client address without a sign-in (shared by an office)'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional()
    .describe('SMTP relay for outgoing mail; required by the worker'),
  MAIL_FROM: z
    .string()
    .regex(
      /^[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/,
      'must be an address or "Name <address>"',
    )
    .default('ICC Hub <no-reply@icc-hub.localhost>'),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(0).max(10_000).default(0),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  REMINDER_OFFSETS: z
    .string()
    .default('1d,1h')
    .transform((value, ctx) => {
      try {
        return parseReminderOffsets(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .describe('How long before a session its registrants are reminded, e.g. 1d,1h'),
  CALENDAR_FEED_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]{43}=?$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional()
    .describe('Key that seals the private calendar feed addresses in the database'),
  MAIL_CAPTURE_SMTP_PORT: port.default(1025),
  MAIL_CAPTURE_HTTP_PORT: port.default(8025),
});

export type RawConfig = z.infer<typeof configSchema>;

export type DatabaseDriver = 'sqlite' | 'postgres';

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  http: { host: string; port: number; trustProxy: boolean };
  /** Budgets of every write route, per fixed one-minute window; routes may have stricter ones. */
  writeLimits: { perPersonPerMinute: number; anonymousPerAddressPerMinute: number };
  live: { port: number; publicUrl: string };
  /** The worker's own HTTP server: liveness, readiness and metrics, nothing public. */
  worker: { port: number };
  /** Origins (no trailing slash) that may call the api from a browser; always includes the public base. */
  corsOrigins: readonly string[];
  publicBaseUrl: string;
  dataDir: string;
  database:
    { driver: 'sqlite'; path: string } | { driver: 'postgres'; url: string; poolSize: number };
  redisUrl: string | undefined;
  logLevel: RawConfig['LOG_LEVEL'];
  webDistDir: string;
  shutdownTimeoutMs: number;
  mail: {
    smtpUrl: string | undefined;
    from: string;
    poolSize: number;
    /** Messages per second through the pool; 0 means no limit. */
    ratePerSecond: number;
    maxAttempts: number;
    /** How long a worker may hold a mail in `sending`; after that another worker takes it. */
    leaseMs: number;
  };
  mailCapture: { smtpPort: number; httpPort: number; dir: string };
  /** Personal data of past events and sent mail is pseudonymised after this many days. */
  retentionDays: number;
  /** Minutes before a session at which each confirmed registrant is reminded, largest first. */
  reminderOffsetsMinutes: readonly number[];
  calendarFeeds: {
    /** Base64 of the 32-byte key; unset: `keyFile`, created on first start. */
    key: string | undefined;
    keyFile: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Empty strings count as unset, as in most .env tooling. */
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

/** The live process as browsers reach it: set, or the public base URL's host on LIVE_PORT. */
function livePublicUrl(raw: RawConfig): string {
  if (raw.LIVE_PUBLIC_URL) return new URL(raw.LIVE_PUBLIC_URL).origin;
  const base = new URL(raw.PUBLIC_BASE_URL ?? `http://localhost:${raw.PORT}`);
  base.port = String(raw.LIVE_PORT);
  return base.origin;
}

/** The public base's origin and every listed one, each checked to be a bare http(s) origin. */
function corsOrigins(raw: RawConfig): string[] {
  const origins = new Set([new URL(raw.PUBLIC_BASE_URL ?? `http://localhost:${raw.PORT}`).origin]);
  for (const entry of (raw.CORS_ORIGINS ?? '').split(',')) {
    const value = entry.trim();
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError([`CORS_ORIGINS: "${value}" is not a URL`]);
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/+$/, '')) {
      throw new ConfigError([
        `CORS_ORIGINS: "${value}" must be an origin like https://hub.example.eu`,
      ]);
    }
    origins.add(url.origin);
  }
  return [...origins];
}

export function parseConfig(env: Env, cwd: string = process.cwd()): AppConfig {
  const result = configSchema.safeParse(withoutEmpty(env));
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return issue.code === 'invalid_type' && issue.input === undefined
          ? `${name} is required`
          : `${name}: ${issue.message}`;
      }),
    );
  }
  const raw = result.data;
  const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  const dataDir = absolute(raw.DATA_DIR);
  return {
    env: raw.NODE_ENV,
    http: { host: raw.HOST, port: raw.PORT, trustProxy: raw.TRUST_PROXY },
    writeLimits: {
      perPersonPerMinute: raw.WRITE_LIMIT_PER_MINUTE,
      anonymousPerAddressPerMinute: raw.ANONYMOUS_WRITE_LIMIT_PER_MINUTE,
    },
    live: { port: raw.LIVE_PORT, publicUrl: livePublicUrl(raw) },
    worker: { port: raw.WORKER_PORT },
    corsOrigins: corsOrigins(raw),
    publicBaseUrl: (raw.PUBLIC_BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    dataDir,
    database: raw.DATABASE_URL
      ? { driver: 'postgres', url: raw.DATABASE_URL, poolSize: raw.DATABASE_POOL_SIZE }
      : { driver: 'sqlite', path: resolve(dataDir, 'icc-hub.sqlite') },
    redisUrl: raw.REDIS_URL,
    logLevel: raw.LOG_LEVEL,
    webDistDir: absolute(raw.WEB_DIST_DIR),
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    mail: {
      smtpUrl: raw.SMTP_URL,
      from: raw.MAIL_FROM,
      poolSize: raw.SMTP_POOL_SIZE,
      ratePerSecond: raw.SMTP_RATE_PER_SECOND,
      maxAttempts: raw.MAIL_MAX_ATTEMPTS,
      leaseMs: raw.MAIL_LEASE_SECONDS * 1000,
    },
    retentionDays: raw.RETENTION_DAYS,
    reminderOffsetsMinutes: raw.REMINDER_OFFSETS,
    calendarFeeds: {
      key: raw.CALENDAR_FEED_KEY,
      keyFile: resolve(dataDir, 'calendar-feed.key'),
    },
    mailCapture: {
      smtpPort: raw.MAIL_CAPTURE_SMTP_PORT,
      httpPort: raw.MAIL_CAPTURE_HTTP_PORT,
      dir: resolve(dataDir, 'mail-capture'),
    },
  };
}

/** What a production deployment (docker-compose.yml, the cluster) must set. */
export const PRODUCTION_REQUIRED = ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_BASE_URL'] as const;

/** The worker sends mail; nothing else needs an SMTP relay. */
export function requireSmtpUrl(config: AppConfig): string {
  if (!config.mail.smtpUrl) {
    throw new ConfigError([
      'SMTP_URL is required (for example smtp://127.0.0.1:1025; `npm start` starts a capture server for you)',
    ]);
  }
  return config.mail.smtpUrl;
}

/** The api and the worker cannot run without Redis; the seed command can. */
export function requireRedisUrl(config: AppConfig): string {
  if (!config.redisUrl) {
    throw new ConfigError([
      'REDIS_URL is required (for example redis://127.0.0.1:6379; `npm start` starts a local Redis for you)',
    ]);
  }
  return config.redisUrl;
}

export function knownVariables(): string[] {
  return Object.keys(configSchema.shape);
}
