// `npm run cluster`: the hub as production runs it, on this machine. PostgreSQL, Redis, two api, two
// live and two worker processes, and nginx routing HTTP and WebSocket to them on one origin. The
// ICC demo programme is loaded. Set DATABASE_URL / REDIS_URL / SMTP_URL to use servers of your own;
// otherwise the embedded PostgreSQL starts empty each time. CLUSTER_PORT picks the proxy's port.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startCluster } from './lib/cluster.mjs';
import { ensureDebianPackages, isPortFree, log, PACKAGES } from './lib/services.mjs';
import { ensureDependencies, npmRun, root } from './lib/setup.mjs';

const dir = resolve(root, process.env.DATA_DIR ?? 'data', 'cluster');
let cluster;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping the cluster…');
  await cluster?.stop();
  process.exit(code);
}

async function main() {
  ensureDependencies();
  const wanted = [PACKAGES.nginx];
  if (!process.env.DATABASE_URL) wanted.push(PACKAGES.postgres);
  if (!process.env.REDIS_URL) wanted.push(PACKAGES.redis);
  ensureDebianPackages(wanted, { why: 'the local cluster' });
  log('building server and web app');
  npmRun('build', { quiet: true });

  rmSync(resolve(dir, 'postgres'), { recursive: true, force: true });
  const preferred = Number(process.env.CLUSTER_PORT ?? 8080);
  cluster = await startCluster({
    dir,
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    smtpUrl: process.env.SMTP_URL,
    proxyPort: (await isPortFree(preferred)) ? preferred : undefined,
  });
  for (const p of cluster.processes) {
    p.onExit(() => {
      if (!stopping) log(`${p.name} stopped unexpectedly; the others carry on`);
    });
  }
  const rows = cluster.processes
    .map((p) => `    ${p.name.padEnd(9)} pid ${String(p.pid).padEnd(7)} ${p.url}/metrics`)
    .join('\n');
  process.stdout.write(
    `\n  ICC Hub cluster is running: ${cluster.url}  (nginx → 2 api, 2 live, 2 workers)\n` +
      `  API docs:         ${cluster.url}/api/docs\n` +
      (cluster.mailUi ? `  Mail sent by hub: ${cluster.mailUi}\n` : '') +
      `  Logs:             ${dir}/logs/\n` +
      `  Processes (metrics and /health/live, /health/ready on each):\n${rows}\n` +
      `  Stop with Ctrl-C.\n\n`,
  );
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error) => {
  process.stderr.write(
    `npm run cluster: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  void shutdown(1);
});
