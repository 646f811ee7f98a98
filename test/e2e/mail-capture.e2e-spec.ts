import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { freePort, runBuilt, runToEnd, type RunningProcess } from '../support/hub-process.js';
import { tempDir } from '../support/environment.js';

const MAIL_CAPTURE = resolve(import.meta.dirname, '../../dist/apps/mail-capture/src/main.js');

interface CaptureProcess {
  process: RunningProcess;
  baseUrl: string;
  smtpPort: number;
  httpPort: number;
}

interface ListedMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  size: number;
}

async function startCapture(
  dataDir: string,
  ports?: { smtpPort: number; httpPort: number },
): Promise<CaptureProcess> {
  const smtpPort = ports?.smtpPort ?? (await freePort());
  const httpPort = ports?.httpPort ?? (await freePort());
  const running = runBuilt(MAIL_CAPTURE, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    MAIL_CAPTURE_SMTP_PORT: String(smtpPort),
    MAIL_CAPTURE_HTTP_PORT: String(httpPort),
  });
  const deadline = Date.now() + 20_000;
  while (!running.output().includes('mail capture started')) {
    if (running.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`mail capture did not start:\n${running.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: running, baseUrl: `http://127.0.0.1:${httpPort}`, smtpPort, httpPort };
}

function transport(capture: CaptureProcess, pool = false): Transporter {
  return createTransport({
    host: '127.0.0.1',
    port: capture.smtpPort,
    secure: false,
    ignoreTLS: true,
    ...(pool ? { pool: true, maxConnections: 5, maxMessages: Infinity } : {}),
  });
}

async function listFor(capture: CaptureProcess, to: string): Promise<ListedMessage[]> {
  const response = await fetch(`${capture.baseUrl}/api/messages?to=${encodeURIComponent(to)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ListedMessage[];
}

async function count(capture: CaptureProcess): Promise<number> {
  const response = await fetch(`${capture.baseUrl}/api/messages/count`);
  return ((await response.json()) as { count: number }).count;
}

/** fetch() will not send a foreign Host header; node:http will. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//ICC Hub//e2e//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:session-42@icc-hub.test',
  'SEQUENCE:0',
  'DTSTAMP:20250101T090000Z',
  'DTSTART:20250312T090000Z',
  'DTEND:20250312T103000Z',
  'SUMMARY:City Lab: Green economy and local green deals',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const HOSTILE_SUBJECT = `<script>alert("subject")</script> Bruxelles — Ünïcode & "quotes"`;
const SECRET_WORD = 'Zanzibar-7731';

describe('mail capture (built process)', () => {
  const dataDir = tempDir('mail-capture');
  let capture: CaptureProcess;
  let mailer: Transporter;

  beforeAll(async () => {
    capture = await startCapture(dataDir);
    mailer = transport(capture);
  });
  afterAll(async () => {
    mailer.close();
    await capture.process.stop();
  });

  const send = (options: SendMailOptions): Promise<{ messageId: string }> =>
    mailer.sendMail({ from: 'ICC Hub <no-reply@icc-hub.test>', ...options });

  it('captures a plain mail and lists it as JSON', async () => {
    const info = await send({
      to: 'plain.person@city.test',
      subject: `Your registration ${SECRET_WORD}`,
      text: 'You are registered.\nSee you on Day 1.',
    });
    const [listed, ...rest] = await listFor(capture, 'Plain.Person@city.test');
    expect(rest).toHaveLength(0);
    expect(listed).toEqual({
      id: expect.stringMatching(/^\d{16}-[0-9a-f]{12}$/) as unknown,
      receivedAt: expect.any(String) as unknown,
      from: 'no-reply@icc-hub.test',
      to: ['plain.person@city.test'],
      subject: `Your registration ${SECRET_WORD}`,
      messageId: info.messageId,
      size: expect.any(Number) as unknown,
    });
    expect(Math.abs(Date.parse(listed?.receivedAt ?? '') - Date.now())).toBeLessThan(60_000);

    const page = await (await fetch(`${capture.baseUrl}/messages/${listed?.id}`)).text();
    expect(page).toContain('<pre>You are registered.\nSee you on Day 1.</pre>');
    expect(page).not.toContain('<iframe');
  });

  it('keeps Bcc recipients from the envelope', async () => {
    await send({
      to: 'visible@city.test',
      bcc: 'hidden.mentor@city.test',
      subject: 'Bcc',
      text: 'x',
    });
    const [listed] = await listFor(capture, 'hidden.mentor@city.test');
    expect(listed?.to).toEqual(['visible@city.test', 'hidden.mentor@city.test']);
  });

  it('escapes a hostile subject and sandboxes a hostile HTML part', async () => {
    await send({
      to: 'html.person@city.test',
      subject: HOSTILE_SUBJECT,
      text: 'Plain <b>version</b>',
      html: `<h1>Welcome</h1><script>document.title = "pwned"</script><img src="https://tracker.invalid/p.gif">`,
    });
    const [listed] = await listFor(capture, 'html.person@city.test');
    expect(listed?.subject).toBe(HOSTILE_SUBJECT);
    const id = listed?.id ?? '';

    const list = await fetch(`${capture.baseUrl}/`);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toMatch(/^text\/html/);
    expect(list.headers.get('content-security-policy')).toContain(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'",
    );
    expect(list.headers.get('x-content-type-options')).toBe('nosniff');
    expect(list.headers.get('referrer-policy')).toBe('no-referrer');
    const listHtml = await list.text();
    expect(listHtml).toContain(
      '&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; Bruxelles — Ünïcode &amp; &quot;quotes&quot;',
    );
    expect(listHtml).not.toContain('<script');
    expect(listHtml).toContain(`href="/messages/${id}"`);
    expect(listHtml).toMatch(/<form method="post" action="\/messages\/delete">/);

    const page = await fetch(`${capture.baseUrl}/messages/${id}`);
    expect(page.headers.get('content-security-policy')).toContain("frame-src 'self'");
    const pageHtml = await page.text();
    expect(pageHtml).not.toContain('<script');
    expect(pageHtml).toMatch(new RegExp(`<iframe[^>]* sandbox="" src="/messages/${id}/html"`));
    expect(pageHtml).toContain('<pre>Plain &lt;b&gt;version&lt;/b&gt;</pre>');

    const part = await fetch(`${capture.baseUrl}/messages/${id}/html`);
    expect(part.status).toBe(200);
    expect(part.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = part.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).not.toMatch(/script-src|https?:|\*/);
    expect(part.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await part.text()).toContain('<h1>Welcome</h1>');
  });

  it('offers an .ics attachment as a text/calendar download', async () => {
    await send({
      to: 'speaker@city.test',
      subject: 'Invitation: City Lab session',
      text: 'Please find the invitation attached.',
      attachments: [
        { filename: 'invite.ics', content: ICS, contentType: 'text/calendar; method=REQUEST' },
        { filename: '../../etc/Plan "B" für Brüssel.txt', content: 'plan b' },
      ],
    });
    const [listed] = await listFor(capture, 'speaker@city.test');
    const base = `${capture.baseUrl}/messages/${listed?.id}`;
    const page = await (await fetch(base)).text();
    expect(page).toContain(`<a href="/messages/${listed?.id}/attachments/0">invite.ics</a>`);
    expect(page).toContain('Plan &quot;B&quot; für Brüssel.txt');

    const ics = await fetch(`${base}/attachments/0`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar\b/);
    expect(ics.headers.get('content-disposition')).toBe('attachment; filename="invite.ics"');
    expect(ics.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ics.text()).toBe(ICS);

    const other = await fetch(`${base}/attachments/1`);
    expect(other.headers.get('content-disposition')).toBe(
      `attachment; filename="Plan _B_ f_r Br_ssel.txt"; filename*=UTF-8''Plan%20%22B%22%20f%C3%BCr%20Br%C3%BCssel.txt`,
    );
    expect((await fetch(`${base}/attachments/2`)).status).toBe(404);

    const raw = await fetch(`${base}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    const eml = await raw.text();
    expect(eml).toMatch(
      /^Return-Path: <no-reply@icc-hub\.test>\r\nX-Envelope-To: speaker@city\.test\r\n/,
    );
    expect(eml).toContain('Subject: Invitation: City Lab session');
  });

  it('answers only loopback host names, same-origin forms and well-formed ids', async () => {
    expect(await getWithHost(`${capture.baseUrl}/api/messages/count`, 'evil.example')).toBe(403);
    expect(
      await getWithHost(`${capture.baseUrl}/api/messages/count`, `localhost:${capture.httpPort}`),
    ).toBe(200);

    const before = await count(capture);
    const crossSite = await fetch(`${capture.baseUrl}/messages/delete`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await fetch(`${capture.baseUrl}/messages/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(noOrigin.status).toBe(403);
    const crossDelete = await fetch(`${capture.baseUrl}/api/messages`, {
      method: 'DELETE',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossDelete.status).toBe(403);
    expect(await count(capture)).toBe(before);

    for (const path of [
      '/messages/..%2F..%2Fetc%2Fpasswd',
      '/messages/..%2F..%2Fetc%2Fpasswd/raw',
      '/messages/1234/raw',
      '/messages/0000000000000001-000000000000/raw',
      '/messages/0000000000000001-000000000000',
    ]) {
      expect({ path, status: (await fetch(`${capture.baseUrl}${path}`)).status }).toEqual({
        path,
        status: 404,
      });
    }
    const twice = await fetch(`${capture.baseUrl}/api/messages?to=a@city.test&to=b@city.test`);
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const bad = await fetch(`${capture.baseUrl}/api/nothing`);
    expect(bad.status).toBe(404);
    expect(await bad.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('takes a burst of 200 mails through a pooled transport', async () => {
    const before = await count(capture);
    const pooled = transport(capture, true);
    const started = performance.now();
    const infos = (await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        pooled.sendMail({
          from: 'ICC Hub <no-reply@icc-hub.test>',
          to: `burst-${i}@city.test`,
          subject: `Reminder ${i}: City Lab starts tomorrow`,
          text: `Reminder number ${i}`,
          attachments: [{ filename: 'session.ics', content: ICS, contentType: 'text/calendar' }],
        }),
      ),
    )) as Array<{ messageId: string }>;
    const seconds = (performance.now() - started) / 1000;
    pooled.close();
    process.stdout.write(
      `mail capture intake: 200 messages in ${seconds.toFixed(2)} s = ${Math.round(200 / seconds)} messages/s\n`,
    );

    expect(await count(capture)).toBe(before + 200);
    const [last] = await listFor(capture, 'burst-199@city.test');
    expect(last).toMatchObject({
      subject: 'Reminder 199: City Lab starts tomorrow',
      messageId: infos[199]?.messageId,
    });
    const all = (await (await fetch(`${capture.baseUrl}/api/messages`)).json()) as ListedMessage[];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const burst = all.filter((m) => m.to[0]?.startsWith('burst-'));
    expect(burst).toHaveLength(200);
    // Newest first.
    const ids = all.map((m) => m.id);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('logs counts and ids, never addresses or subjects', () => {
    const log = capture.process.output();
    expect(log).toContain('"msg":"message captured"');
    expect(log).not.toMatch(/@city\.test|@icc-hub\.test/);
    expect(log).not.toContain(SECRET_WORD);
    expect(log).not.toContain('City Lab');
  });

  it('rebuilds its index from disk after a restart', async () => {
    const before = (await (
      await fetch(`${capture.baseUrl}/api/messages`)
    ).json()) as ListedMessage[];
    expect(await capture.process.stop('SIGTERM')).toBe(0);
    capture = await startCapture(dataDir, capture);
    mailer.close();
    mailer = transport(capture);
    const after = (await (
      await fetch(`${capture.baseUrl}/api/messages`)
    ).json()) as ListedMessage[];
    expect(after).toEqual(before);
    const [hostile] = await listFor(capture, 'html.person@city.test');
    expect(hostile?.subject).toBe(HOSTILE_SUBJECT);
    const page = await fetch(`${capture.baseUrl}/messages/${hostile?.id}`);
    expect(page.status).toBe(200);
  });

  it('deletes everything through the API and through the same-origin form', async () => {
    const deleted = await fetch(`${capture.baseUrl}/api/messages`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: expect.any(Number) as unknown });
    expect(await count(capture)).toBe(0);
    expect(readdirSync(resolve(dataDir, 'mail-capture'))).toEqual([]);
    expect(await (await fetch(`${capture.baseUrl}/`)).text()).toContain('No mail captured yet');

    await send({ to: 'again@city.test', subject: 'Again', text: 'x' });
    expect(await count(capture)).toBe(1);
    const form = await fetch(`${capture.baseUrl}/messages/delete`, {
      method: 'POST',
      headers: {
        origin: capture.baseUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/');
    expect(await count(capture)).toBe(0);
  });

  it('exits 0 on SIGTERM even while a sender keeps a pooled connection open', async () => {
    const pooled = transport(capture, true);
    await pooled.sendMail({ from: 'a@icc-hub.test', to: 'b@city.test', subject: 's', text: 't' });
    const started = Date.now();
    expect(await capture.process.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(capture.process.output()).toContain('shutdown complete');
    pooled.close();
  });
});

describe('mail capture configuration', () => {
  it.each([
    ['MAIL_CAPTURE_SMTP_PORT', { MAIL_CAPTURE_SMTP_PORT: 'twenty-five' }],
    ['MAIL_CAPTURE_HTTP_PORT', { MAIL_CAPTURE_HTTP_PORT: '70000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('refuses to boot with a bad %s, naming it in one line', async (name, bad) => {
    const { code, output } = await runToEnd(MAIL_CAPTURE, {
      DATA_DIR: tempDir('mail-capture-bad'),
      ...bad,
    });
    expect(code).toBe(1);
    expect(output).toContain(name);
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to boot when its SMTP port is taken, in one line', async () => {
    const first = await startCapture(tempDir('mail-capture-a'));
    try {
      const { code, output } = await runToEnd(MAIL_CAPTURE, {
        DATA_DIR: tempDir('mail-capture-b'),
        MAIL_CAPTURE_SMTP_PORT: String(first.smtpPort),
        MAIL_CAPTURE_HTTP_PORT: String(await freePort()),
      });
      expect(code).toBe(1);
      expect(output).toMatch(/^mail-capture: .*EADDRINUSE/);
      expect(output.trim().split('\n')).toHaveLength(1);
    } finally {
      await first.process.stop();
    }
  });
});
