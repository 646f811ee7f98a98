import { resolve } from 'node:path';
import {
  ConfigError,
  knownVariables,
  parseConfig,
  PRODUCTION_REQUIRED,
  requireRedisUrl,
} from './config.schema.js';

const CWD = resolve('/srv/icc-hub');

/** The ConfigError that parsing `env` throws; fails the test when it parses or throws another error. */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  it('allows the public origin and the listed CORS origins, and refuses anything but bare origins', () => {
    expect(
      parseConfig(
        {
          PUBLIC_BASE_URL: 'https://hub.example.eu/',
          CORS_ORIGINS:
            ' https://cities.example.eu , http://localhost:5173/,https://hub.example.eu',
        },
        CWD,
      ).corsOrigins,
    ).toEqual(['https://hub.example.eu', 'https://cities.example.eu', 'http://localhost:5173']);
    expect(configErrorOf({ CORS_ORIGINS: 'https://a.example.eu/path' }).problems[0]).toMatch(
      /^CORS_ORIGINS: .* must be an origin/,
    );
    expect(configErrorOf({ CORS_ORIGINS: 'ftp://a.example.eu' }).problems[0]).toMatch(
      /must be an origin/,
    );
    expect(configErrorOf({ CORS_ORIGINS: '*' }).problems[0]).toMatch(/is not a URL/);
  });

  it('falls back to the embedded defaults when nothing is set', () => {
    expect(parseConfig({}, CWD)).toEqual({
      env: 'development',
      http: { host: '127.0.0.1', port: 3000, trustProxy: false },
      writeLimits: { perPersonPerMinute: 300, anonymousPerAddressPerMinute: 600 },
      live: { port: 3001, publicUrl: 'http://localhost:3001' },
      worker: { port: 3002 },
      corsOrigins: ['http://localhost:3000'],
      publicBaseUrl: 'http://localhost:3000',
      dataDir: resolve(CWD, 'data'),
      database: { driver: 'sqlite', path: resolve(CWD, 'data', 'icc-hub.sqlite') },
      redisUrl: undefined,
      logLevel: 'info',
      webDistDir: resolve(CWD, 'apps/web/dist'),
      shutdownTimeoutMs: 10_000,
      mail: {
        smtpUrl: undefined,
        from: 'ICC Hub <no-reply@icc-hub.localhost>',
        poolSize: 5,
        ratePerSecond: 0,
        maxAttempts: 8,
        leaseMs: 120_000,
      },
      retentionDays: 365,
      reminderOffsetsMinutes: [1440, 60],
      calendarFeeds: { key: undefined, keyFile: resolve(CWD, 'data', 'calendar-feed.key') },
      mailCapture: {
        smtpPort: 1025,
        httpPort: 8025,
        dir: resolve(CWD, 'data', 'mail-capture'),
      },
    });
  });

  it('accepts a sender as an address or "Name <address>" and refuses header injection', () => {
    expect(parseConfig({ MAIL_FROM: 'hub@example.eu' }, CWD).mail.from).toBe('hub@example.eu');
    expect(parseConfig({ MAIL_FROM: 'ICC <hub@example.eu>' }, CWD).mail.from).toBe(
      'ICC <hub@example.eu>',
    );
    expect(() => parseConfig({ MAIL_FROM: 'ICC\r\nBcc: x@y.z <hub@example.eu>' }, CWD)).toThrow(
      /MAIL_FROM/,
    );
    expect(() => parseConfig({ SMTP_URL: 'http://relay' }, CWD)).toThrow(/SMTP_URL/);
  });

  it('keeps the SQLite file under DATA_DIR, relative to the working directory or absolute', () => {
    expect(parseConfig({ DATA_DIR: 'var/hub' }, CWD).database).toEqual({
      driver: 'sqlite',
      path: resolve(CWD, 'var/hub/icc-hub.sqlite'),
    });
    const absolute = resolve('/var/lib/icc-hub');
    const config = parseConfig({ DATA_DIR: absolute }, CWD);
    expect(config.dataDir).toBe(absolute);
    expect(config.database).toEqual({
      driver: 'sqlite',
      path: resolve(absolute, 'icc-hub.sqlite'),
    });
  });

  it('derives the public base URL from PORT unless PUBLIC_BASE_URL is set', () => {
    const onPort = parseConfig({ PORT: '8080' }, CWD);
    expect(onPort.http.port).toBe(8080);
    expect(onPort.publicBaseUrl).toBe('http://localhost:8080');

    const given = parseConfig(
      { PORT: '8080', PUBLIC_BASE_URL: 'https://hub.example.eu/icc//' },
      CWD,
    );
    expect(given.publicBaseUrl).toBe('https://hub.example.eu/icc');
  });

  it('runs the live process on LIVE_PORT, 3001 unless set', () => {
    expect(parseConfig({}, CWD).live.port).toBe(3001);
    expect(parseConfig({ LIVE_PORT: '4001' }, CWD).live.port).toBe(4001);
  });

  it('tells browsers the live process on the public host and LIVE_PORT unless LIVE_PUBLIC_URL is set', () => {
    expect(
      parseConfig({ PUBLIC_BASE_URL: 'https://hub.example.eu/', LIVE_PORT: '4001' }, CWD).live
        .publicUrl,
    ).toBe('https://hub.example.eu:4001');
    expect(
      parseConfig(
        { PUBLIC_BASE_URL: 'https://hub.example.eu', LIVE_PUBLIC_URL: 'https://hub.example.eu/' },
        CWD,
      ).live.publicUrl,
    ).toBe('https://hub.example.eu');
    expect(() => parseConfig({ LIVE_PORT: '0' }, CWD)).toThrow(/LIVE_PORT/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const url = 'postgres://hub:secret@db.internal:5432/icc_hub';
    expect(parseConfig({ DATABASE_URL: url }, CWD).database).toEqual({
      driver: 'postgres',
      url,
      poolSize: 10,
    });
    const pooled = parseConfig(
      { DATABASE_URL: 'postgresql://db.internal/icc_hub', DATABASE_POOL_SIZE: '25' },
      CWD,
    );
    expect(pooled.database).toEqual({
      driver: 'postgres',
      url: 'postgresql://db.internal/icc_hub',
      poolSize: 25,
    });
  });

  it('reads the production settings', () => {
    const config = parseConfig(
      {
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        REDIS_URL: 'rediss://cache.internal:6380',
        LOG_LEVEL: 'warn',
        TRUST_PROXY: 'yes',
        WRITE_LIMIT_PER_MINUTE: '90',
        ANONYMOUS_WRITE_LIMIT_PER_MINUTE: '1000',
        SHUTDOWN_TIMEOUT_MS: '25000',
        WEB_DIST_DIR: '/opt/web',
      },
      CWD,
    );
    expect(config).toMatchObject({
      env: 'production',
      http: { host: '0.0.0.0', port: 3000, trustProxy: true },
      writeLimits: { perPersonPerMinute: 90, anonymousPerAddressPerMinute: 1000 },
      redisUrl: 'rediss://cache.internal:6380',
      logLevel: 'warn',
      shutdownTimeoutMs: 25_000,
      webDistDir: resolve('/opt/web'),
    });
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '30.5'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://db.internal/icc_hub'],
    ['DATABASE_POOL_SIZE', '0'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://redis.internal:6379'],
    ['LOG_LEVEL', 'verbose'],
    ['NODE_ENV', 'staging'],
    ['TRUST_PROXY', 'maybe'],
    ['WRITE_LIMIT_PER_MINUTE', '0'],
    ['ANONYMOUS_WRITE_LIMIT_PER_MINUTE', 'many'],
    ['PUBLIC_BASE_URL', 'ftp://hub.example.eu'],
    ['SHUTDOWN_TIMEOUT_MS', '10'],
    ['CALENDAR_FEED_KEY', 'short'],
    ['CALENDAR_FEED_KEY', `${'A'.repeat(43)}==`],
  ])('rejects %s=%j with a ConfigError naming the variable', (name, value) => {
    const error = configErrorOf({ [name]: value });
    expect(error.message).toContain(name);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${name}\\b`));
  });

  it('reads REMINDER_OFFSETS as minutes before the start, largest first, or none', () => {
    expect(parseConfig({ REMINDER_OFFSETS: '15m,1d,2h' }, CWD).reminderOffsetsMinutes).toEqual([
      1440, 120, 15,
    ]);
    expect(parseConfig({ REMINDER_OFFSETS: 'none' }, CWD).reminderOffsetsMinutes).toEqual([]);
    for (const value of ['1 hour', '1h,1h', '0m', '1m,2m,3m,4m,5m,6m']) {
      const error = configErrorOf({ REMINDER_OFFSETS: value });
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/^REMINDER_OFFSETS: /);
    }
  });

  it('reports every bad variable at once', () => {
    const error = configErrorOf({ PORT: 'x', LOG_LEVEL: 'loud', REDIS_URL: 'nope' });
    expect(error.problems).toHaveLength(3);
    for (const name of ['PORT', 'LOG_LEVEL', 'REDIS_URL']) expect(error.message).toContain(name);
  });

  it('treats an empty string as unset', () => {
    const blank = Object.fromEntries(knownVariables().map((name) => [name, '']));
    expect(parseConfig(blank, CWD)).toEqual(parseConfig({}, CWD));
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }, CWD).database.driver).toBe('sqlite');
  });

  it('ignores variables outside the schema', () => {
    expect(parseConfig({ SOMETHING_ELSE: 'x', PATH: '/usr/bin' }, CWD)).toEqual(
      parseConfig({}, CWD),
    );
  });
});

describe('requireRedisUrl', () => {
  it('throws a ConfigError naming REDIS_URL when it is unset', () => {
    const config = parseConfig({ REDIS_URL: '' }, CWD);
    expect(() => requireRedisUrl(config)).toThrow(ConfigError);
    expect(() => requireRedisUrl(config)).toThrow(/REDIS_URL/);
  });

  it('returns the URL when it is set', () => {
    const config = parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, CWD);
    expect(requireRedisUrl(config)).toBe('redis://127.0.0.1:6379');
  });
});

describe('knownVariables', () => {
  it('lists every schema variable, the production ones included', () => {
    const names = knownVariables();
    expect(names).toEqual(expect.arrayContaining([...PRODUCTION_REQUIRED]));
    expect(names).toContain('DATA_DIR');
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });
});
