import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nginxConfig } from '../../scripts/lib/nginx-config.mjs';
import { tempDir } from '../support/environment.js';
import { freePort } from '../support/hub-process.js';

/**
 * The proxy's own error log (nginx writes the request line when an api process cannot be reached)
 * must not carry the secret of a private calendar feed, which calendar apps poll all day long.
 */
describe('proxy error log', () => {
  let nginx: ChildProcess | undefined;
  let stderr = '';

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = once(nginx, 'exit');
      nginx.kill('SIGTERM');
      await exited;
    }
  });

  it('logs a failed request to the api, but never the address of a calendar feed', async () => {
    const dir = tempDir('icc-proxy-');
    // nginx's worker processes run as an unprivileged user and must reach their temporary files.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const [listen, downApi, downLive] = await Promise.all([freePort(), freePort(), freePort()]);
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      nginxConfig({
        listen,
        api: [`127.0.0.1:${downApi}`],
        live: [`127.0.0.1:${downLive}`],
        prefix: dir,
        workerProcesses: '1',
      }),
    );
    nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', conf], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    nginx.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const base = `http://127.0.0.1:${listen}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const answered = await fetch(`${base}/metrics`).then(
        (r) => r.status,
        () => 0,
      );
      if (answered === 404) break;
      if (Date.now() > deadline) throw new Error(`nginx did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const secret = 'a7f3c9e1feedsecret0b52d8';
    expect((await fetch(`${base}/api/calendar/feeds/${secret}.ics`)).status).toBe(502);
    // Control: the same failure for another address is logged, with its request line.
    expect((await fetch(`${base}/api/events?control=1`)).status).toBe(502);
    const until = Date.now() + 5_000;
    while (!stderr.includes('control=1') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(stderr).toContain('GET /api/events?control=1');
    expect(stderr).not.toContain(secret);
  });
});
