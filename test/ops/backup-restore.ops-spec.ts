import type {
  CalendarFeedView,
  EventSummary,
  MyAgenda,
  MyRegistrationView,
  RegistrationResult,
  SessionView,
} from '@app/contracts';
import { DEMO_EVENT_SLUG, DEMO_ORGANISER_EMAIL, dataSourceOptions } from '@app/persistence';
import { parseConfig } from '@app/config';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { freshDatabaseUrl, tempDir } from '../support/environment.js';
import {
  BUILT,
  freePort,
  runBuilt,
  startHub,
  type Hub,
  type RunningProcess,
} from '../support/hub-process.js';
import { TestRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';

const root = resolve(import.meta.dirname, '../..');
/** Ignored by a trust-auth test server, so it shows whether a script prints the password. */
const PASSWORD = 'not-for-printing-7c1f';

interface Script {
  code: number | null;
  output: string;
}

/** Runs one of the repository's scripts the way `npm run db:…` does. */
async function script(file: string, args: string[], env: Record<string, string>): Promise<Script> {
  const child = spawn(process.execPath, [resolve(root, 'scripts', file), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

function withPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.password = PASSWORD;
  return url.toString();
}

/** A hub (api and worker) on a database someone else prepared: no seed, as after a restore. */
async function startOn(env: Record<string, string>): Promise<{
  baseUrl: string;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const full = { ...env, PORT: String(port), PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'info' };
  const api: RunningProcess = runBuilt(BUILT.api, full);
  const worker: RunningProcess = runBuilt(BUILT.worker, full);
  const stop = async () => {
    await Promise.all([api.stop(), worker.stop()]);
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) break;
    try {
      if ((await fetch(`${baseUrl}/health`)).status === 200) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the api on the restored database did not start:\n${api.output().slice(-3000)}`);
}

/** Signs `email` in with the link the hub mails (client `api`): a bearer token and the account. */
async function signIn(
  baseUrl: string,
  sink: SmtpSink,
  email: string,
): Promise<{ token: string; accountId: string }> {
  const before = sink.to(email).length;
  const asked = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(asked.status).toBe(202);
  const deadline = Date.now() + 30_000;
  while (sink.to(email).length === before && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const mail = sink.to(email)[before];
  if (!mail) throw new Error('no sign-in mail arrived');
  const decoded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const link = /#token=([A-Za-z0-9_-]{32,128})/.exec(decoded)?.[1];
  if (!link) throw new Error('no token in the sign-in mail');
  const verified = await fetch(`${baseUrl}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: link, client: 'api' }),
  });
  expect(verified.status).toBe(200);
  return (await verified.json()) as { token: string; accountId: string };
}

async function call<T>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    body: (json && text ? JSON.parse(text) : undefined) as T,
    text,
  };
}

/** What the hub shows: the public programme, the organiser's export, each person's own view. */
interface Snapshot {
  programme: Record<string, unknown>;
  export: string;
  people: Record<
    string,
    { registrations: MyRegistrationView[]; agenda: MyAgenda; feedPath: string }
  >;
}

async function snapshot(
  baseUrl: string,
  organiserToken: string,
  people: Record<string, string>,
): Promise<Snapshot> {
  const events = (await call<EventSummary[]>(baseUrl, 'GET', '/api/events')).body;
  const programme: Record<string, unknown> = { events };
  for (const { slug } of events) {
    programme[slug] = {
      detail: (await call<unknown>(baseUrl, 'GET', `/api/events/${slug}`)).body,
      sessions: (await call<SessionView[]>(baseUrl, 'GET', `/api/events/${slug}/sessions`)).body,
    };
  }
  const exported = await call<unknown>(
    baseUrl,
    'GET',
    `/api/events/${DEMO_EVENT_SLUG}/registrations.csv`,
    organiserToken,
  );
  expect(exported.status).toBe(200);
  const views: Snapshot['people'] = {};
  for (const [name, token] of Object.entries(people)) {
    const registrations = await call<MyRegistrationView[]>(
      baseUrl,
      'GET',
      '/api/me/registrations',
      token,
    );
    const agenda = await call<MyAgenda>(baseUrl, 'GET', '/api/me/agenda', token);
    const feed = await call<CalendarFeedView>(baseUrl, 'GET', '/api/me/calendar-feed', token);
    expect([registrations.status, agenda.status, feed.status]).toEqual([200, 200, 200]);
    views[name] = {
      registrations: registrations.body,
      agenda: agenda.body,
      feedPath: new URL(feed.body.url).pathname,
    };
  }
  return { programme, export: exported.text, people: views };
}

/** Backup, restore into a fresh database, and the same hub on the other side. */
describe('PostgreSQL backup and restore', () => {
  let sink: SmtpSink;
  let hub: Hub | undefined;
  let restoredRedis: TestRedis | undefined;
  let restored: { baseUrl: string; stop(): Promise<void> } | undefined;
  const tokens: Record<string, string> = {};
  const accounts: Record<string, string> = {};
  const emails: Record<string, string> = {};
  let organiserToken = '';
  let before: Snapshot;
  let dumpFile = '';
  let restoredUrl = '';

  beforeAll(async () => {
    if (!process.env.DATABASE_URL)
      throw new Error('DATABASE_URL (a PostgreSQL admin URL) is needed');
    sink = await new SmtpSink().start();
    hub = await startHub({ worker: true, env: { SMTP_URL: sink.url } });
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await restored?.stop();
    await restoredRedis?.stop();
    await sink?.stop();
  });

  it('holds registrations, a waitlist and a calendar feed before the backup', async () => {
    if (!hub) throw new Error('no hub');
    const { baseUrl } = hub;
    const tag = Math.random().toString(36).slice(2, 8);
    for (const name of ['ana', 'ben', 'cleo']) {
      emails[name] = `backup-${name}-${tag}@city.example`;
      const signed = await signIn(baseUrl, sink, emails[name]);
      tokens[name] = signed.token;
      accounts[name] = signed.accountId;
    }
    organiserToken = (await signIn(baseUrl, sink, DEMO_ORGANISER_EMAIL)).token;

    const sessions = (
      await call<SessionView[]>(baseUrl, 'GET', `/api/events/${DEMO_EVENT_SLUG}/sessions`)
    ).body;
    const open = sessions
      .filter((s) => s.audience === 'public' && Date.parse(s.startsAt) > Date.now())
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(open.length).toBeGreaterThanOrEqual(1);
    const full = open[0];
    const register = (who: string, sessionId: string) =>
      call<RegistrationResult>(
        baseUrl,
        'POST',
        `/api/sessions/${sessionId}/registration`,
        tokens[who],
      );

    expect((await register('ana', full.id)).body).toMatchObject({ status: 'confirmed' });
    const capacity = await call<unknown>(
      baseUrl,
      'PATCH',
      `/api/events/${DEMO_EVENT_SLUG}/sessions/${full.id}/capacity`,
      organiserToken,
      { capacity: 1 },
    );
    expect(capacity.status).toBe(200);
    expect((await register('ben', full.id)).body).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
    expect((await register('cleo', full.id)).body).toMatchObject({
      status: 'waitlisted',
      position: 2,
    });

    before = await snapshot(baseUrl, organiserToken, tokens);
    expect(before.people.ana.registrations).toEqual([
      expect.objectContaining({ sessionId: full.id, status: 'confirmed' }),
    ]);
    expect(before.people.cleo.agenda.items).toEqual([
      expect.objectContaining({ sessionId: full.id, status: 'waitlisted', position: 2 }),
    ]);
    // The export names the three of them, confirmed and waiting.
    expect(before.export.match(/backup-(ana|ben|cleo)-/g)).toHaveLength(3);
  }, 120_000);

  it('dumps the live database into a file only its owner can read, without printing the password', async () => {
    if (!hub) throw new Error('no hub');
    dumpFile = join(tempDir('backup'), 'nested', 'hub.dump');
    const dumped = await script('db-backup.mjs', ['--out', dumpFile], {
      DATABASE_URL: withPassword(hub.env.DATABASE_URL),
    });
    expect(dumped).toMatchObject({ code: 0 });
    expect(dumped.output).toContain(dumpFile);
    expect(dumped.output).toMatch(/registrations 3\b/);
    expect(dumped.output).not.toContain(PASSWORD);
    const file = statSync(dumpFile);
    expect(file.mode & 0o777).toBe(0o600);
    expect(file.size).toBeGreaterThan(10_000);
  }, 60_000);

  it('restores into a fresh database that the hub serves unchanged, with nothing to migrate', async () => {
    if (!hub) throw new Error('no hub');
    // The old hub goes away, as it does when its server is lost.
    await hub.stop();
    const dataDir = hub.env.DATA_DIR;
    hub = undefined;

    const fresh = await freshDatabaseUrl();
    if (!fresh) throw new Error('no PostgreSQL admin URL');
    restoredUrl = fresh;
    const loaded = await script(
      'db-restore.mjs',
      ['--in', dumpFile, '--database-url', restoredUrl],
      {
        DATABASE_URL: '',
      },
    );
    expect(loaded).toMatchObject({ code: 0 });
    expect(loaded.output).toMatch(/registrations 3\b/);

    const options = dataSourceOptions(parseConfig({ DATABASE_URL: restoredUrl }, root));
    const dataSource = await new DataSource(options).initialize();
    try {
      // The migrations table came with the dump: a hub starting on it migrates nothing.
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }

    // Only the feed key comes from outside the database; Redis starts empty.
    const newDataDir = tempDir('restored-data');
    copyFileSync(join(dataDir, 'calendar-feed.key'), join(newDataDir, 'calendar-feed.key'));
    restoredRedis = await TestRedis.start();
    restored = await startOn({
      NODE_ENV: 'test',
      DATA_DIR: newDataDir,
      DATABASE_URL: restoredUrl,
      REDIS_URL: restoredRedis.url,
      SMTP_URL: sink.url,
    });

    const after = await snapshot(restored.baseUrl, organiserToken, tokens);
    expect(after.programme).toEqual(before.programme);
    expect(after.export).toBe(before.export);
    expect(after.people).toEqual(before.people);
  }, 120_000);

  it('lets the same people sign in again to the same accounts', async () => {
    if (!restored) throw new Error('no restored hub');
    const { baseUrl } = restored;
    const again = await signIn(baseUrl, sink, emails.ben);
    expect(again.accountId).toBe(accounts.ben);
    const agenda = await call<MyAgenda>(baseUrl, 'GET', '/api/me/agenda', again.token);
    expect(agenda.body).toEqual(before.people.ben.agenda);
  }, 60_000);

  it('refuses to restore into a database that has tables, changing nothing', async () => {
    const refused = await script('db-restore.mjs', ['--in', dumpFile], {
      DATABASE_URL: withPassword(restoredUrl),
    });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/is not empty/);
    expect(refused.output).toMatch(/fresh/);
    expect(refused.output).not.toContain(PASSWORD);
    if (!restored) throw new Error('no restored hub');
    const still = await call<MyRegistrationView[]>(
      restored.baseUrl,
      'GET',
      '/api/me/registrations',
      tokens.ana,
    );
    expect(still.body).toEqual(before.people.ana.registrations);
  }, 60_000);

  it('refuses to back up without DATABASE_URL, and says how to copy SQLite', async () => {
    const refused = await script('db-backup.mjs', ['--out', join(tempDir('backup'), 'x.dump')], {});
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/DATABASE_URL is not set/);
    expect(refused.output).toMatch(/sqlite3 .*\.backup/);
  });
});
