// `npm run soak`: the hub as production runs it (scripts/lib/cluster.mjs: nginx, two api, two live
// and two worker processes, PostgreSQL, Redis) under registrations, a live room and mail at once,
// while it loses one process of each kind and Redis.
//
//   npm run soak -- [--duration 600] [--clients 2000] [--questions 1] [--accounts 3000]
//                   [--sessions 12] [--capacity 60] [--concurrency 8] [--rate 15]
//
// Load, for --duration seconds:
// - registrations: --rate requests/s from --concurrency loops through the proxy, bearer tokens of
//   --accounts people, each registering for one of --sessions small sessions (--capacity seats,
//   so most end on the waitlist) or, one time in five, cancelling one (a waitlisted person moves
//   up and is mailed). Every registration, waitlisting and promotion writes a mail.
// - live Q&A: --clients signed-in sockets in one room (test/bench/soak-live-clients.mjs, a child
//   process), each asking --questions questions over the first 80% of the run with its own client
//   id, asking again with the same id until acknowledged, and some voting.
// Faults: at 15% SIGKILL api-1, at 30% live-1, at 45% worker-1 (each restarted 2 s later), at 60%
// Redis is stopped and started again (its append-only file keeps the queues).
// Then the crowd gets 90 s to have every question acknowledged and the mail 180 s to go out.
//
// Reported (last line, one JSON object): registrations (201 answers), overbooked (confirmed seats
// over capacity, plus sessions whose seat counter disagrees with their rows), mails_expected (mail
// rows written during the soak), mails_delivered (of those, how many the SMTP relay received),
// duplicates (extra copies the relay received), questions_sent / questions_stored (rows of the room,
// distinct client ids alongside), http_5xx (5xx or failed requests, not counting those in flight
// to an api process at the instant it was killed), and details. Exit code 1 when a goal is missed:
// overbooked 0, every mail delivered, duplicates only within SMTP_DUPLICATE_WINDOW_MS before a
// worker kill, every question stored exactly once, http_5xx 0.
import { parseArgs } from 'node:util';
import { runSoak, soakProblems, stopSoak } from './lib/soak.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    clients: { type: 'string', default: '2000' },
    questions: { type: 'string', default: '1' },
    accounts: { type: 'string', default: '3000' },
    sessions: { type: 'string', default: '12' },
    capacity: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '8' },
    rate: { type: 'string', default: '15' },
  },
});

const started = Date.now();
const log = (line) =>
  process.stderr.write(`[soak ${Math.round((Date.now() - started) / 1000)}s] ${line}\n`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the cluster`);
    void stopSoak().then(() => process.exit(130));
  });
}
try {
  const result = await runSoak({
    durationS: Number(values.duration),
    clients: Number(values.clients),
    questionsPerClient: Number(values.questions),
    accounts: Number(values.accounts),
    hotSessions: Number(values.sessions),
    capacity: Number(values.capacity),
    concurrency: Number(values.concurrency),
    ratePerS: Number(values.rate),
    log,
  });
  const problems = soakProblems(result);
  for (const problem of problems) log(`GOAL MISSED: ${problem}`);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(problems.length === 0 ? 0 : 1);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
