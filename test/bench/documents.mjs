// Key-learnings documents: how long the worker takes to render a session's document with
// `--questions` questions from the live room, and whether rendering slows the api for everyone.
//
//   npm run build:server && node test/bench/documents.mjs [--questions 1000] [--seconds 15]
//        [--connections 8] [--pairs 2] [--warmup 3] [--rapporteurs 8] [--versions = seconds]
//        [--registrants 0] [--rate 400]
//
// Starts everything it needs in a temp directory: Redis and a throwaway PostgreSQL on free ports,
// the SMTP sink (test/bench/smtp-sink.mjs, it accepts and drops mail) as a child process. Migrates
// and seeds with the built seed CLI, then adds a bench event (a City Lab of 12 public sessions)
// frozen into a schedule release with the hub's own freezeRelease. One of its sessions gets a
// live room written with SQL: `--questions` questions the room saw (varied lengths 40-400
// characters, most of them short; Unicode city names, Markdown- and HTML-looking text; ~30 %
// answered with an answer note, the rest visible, random votes), plus a few pending and dismissed
// ones that must stay out of the digest; 3 polls with options and votes; attendance (signed-in
// visits and anonymous ones); `--registrants` confirmed registrations (accounts with cities), so
// every rendered version also queues and sends that many mails. The default is none: what is
// measured is generation, and sending mail is the mail pipeline's (bench:mail); with
// `--registrants 200` the worker also sends 200 mails a second during the loaded windows, on the
// same two cores. `--rapporteurs` accounts hold the event role
// `rapporteur` and a bearer API token each (the rounds rotate over them: the hub rate-limits
// publishing and compiling per person).
//
// The built api (dist/apps/api/src/main.js, LOG_LEVEL=silent) and the built worker
// (dist/apps/worker/src/main.js, SMTP_URL = the sink) run as their own processes. A rapporteur
// compiles the digest (POST /api/sessions/:id/key-learnings/digest); its "Questions answered
// (N)" / "Questions still open (N)" headings and list items must match what was inserted.
//
// A version: the rapporteur saves a changed draft (PUT …/key-learnings/draft with new notes and
// the digest as compiled) and publishes it (POST …/key-learnings/versions); the worker renders
// it, and the bench waits until its renderState is 'ready' (polling the database). The first save is tried
// right after compiling; when the api refuses it because the digest is longer than a save
// accepts (KEY_LEARNING_TEXT_MAX; reported as draft_save_status and rounds_by), every round
// recompiles the digest instead (POST …/digest, also a new revision). The rapporteur's own
// requests load the api as well: their durations are reported (rapporteur_save_ms and
// rapporteur_publish_ms), but outside the measured windows (see below). Per version: renderMs as
// the worker's render process measured it (reading the version, rendering HTML, Markdown and PDF,
// storing the files) and, for the warm-up version, the wall time publish → ready (includes the
// worker's relay, every second, and marking it ready and queuing the mails).
//
// The api under read load: autocannon (in this process) at `--connections` for `--seconds`, at
// `--rate` reads a second in all (default 400: a City Lab of 5,000 people each reading a page
// every 12 s, about a quarter of what one api process serves here; `--rate 0` reads as fast as
// the api answers, which measures a saturated api, where any CPU the machine spends elsewhere
// shows in every latency), against what attendees of a City Lab read all day, in turns: the session's page
// (GET /api/sessions/:id) and the event's programme (GET /api/events/:slug/sessions). Idle
// phase: nothing else runs (the mails of earlier versions are sent first). Loaded phase: the
// worker is paused (SIGSTOP) while `--versions` versions are saved and published through the api,
// then resumed as the reads start, so the window holds the worker's generation (rendering,
// storing files, queuing and sending `--registrants` mails a version) and not the rapporteurs'
// requests. After a
// warm-up (`--warmup` s of reads and one generation round, reported as the first render),
// `--pairs` times idle, loaded, loaded, idle (ABBA), each window after a VACUUM ANALYZE and a
// CHECKPOINT. Latencies are each answer's own (autocannon's response event, in ms to a tenth);
// p99 of a phase = the p99 of all its windows' requests together (2 x --pairs windows, 12,000
// reads at the defaults), which is steadier than any one window's p99 on a noisy machine; the
// median of the windows' own p99s is reported beside it (api_p99_ratio_median_of_runs).
// The control, after the phases: the same ABBA windows of reads with no rendering, where the loaded
// windows instead run a process that only burns CPU (allocating and dropping objects) in the idle
// scheduling class at nice 19, as the render process runs: api_p99_ratio_control is what any
// background CPU work costs the api's p99 on this machine, however low its priority, measured in
// the same run (on a machine whose CPUs slow each other, e.g. virtual CPUs on one physical core,
// it is well above 1, and api_p99_ratio cannot get under it).
// generation_ms = median renderMs of the versions rendered during loaded phases.
// api_p99_ratio = loaded p99 / idle p99. CPU per phase of the api, the worker and PostgreSQL is
// read from /proc.
//
// Fails (exit 1) when a version does not become ready with 3 files, the PDF of the last version
// (downloaded through the api) is not application/pdf starting with %PDF, the digest's question
// counts differ from the inserted ones, a version queued other than one mail per registrant, or
// any read answered other than 2xx. Mails the worker could not send are reported (mails_failed,
// with the reason on stderr), not failed on: sending is the mail pipeline's (bench:mail).
// Last line of stdout: one JSON object.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freezeBenchRelease } from './lib/bench-data.mjs';
import { benchRun, captureOutput, cpuMeter, waitExit, within } from './lib/bench-run.mjs';
import { parseArgs } from 'node:util';
import {
  ensureDebianPackages,
  freePort,
  PACKAGES,
  startPostgres,
  startRedis,
  stopChild,
} from '../../scripts/lib/services.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const API = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
const SEED = join(ROOT, 'dist/apps/api/src/cli/seed.js');
const SINK = fileURLToPath(new URL('./smtp-sink.mjs', import.meta.url));
const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;

const { values: opts } = parseArgs({
  options: {
    questions: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '8' },
    pairs: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    rapporteurs: { type: 'string', default: '8' },
    versions: { type: 'string' },
    registrants: { type: 'string', default: '0' },
    rate: { type: 'string', default: '400' },
  },
});
const integer = (name, min) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
};
const QUESTIONS = integer('questions', 1);
const SECONDS = integer('seconds', 1);
const CONNECTIONS = integer('connections', 1);
const PAIRS = integer('pairs', 1);
const WARMUP = integer('warmup', 0);
const RAPPORTEURS = integer('rapporteurs', 1);
/** Versions generated per loaded window: about one a second keeps the worker busy throughout. */
if (opts.versions === undefined) opts.versions = String(Number(opts.seconds));
const VERSIONS = integer('versions', 1);
const REGISTRANTS = integer('registrants', 0);
/** Reads per second over all connections; 0 = as fast as the api answers (saturation). */
const RATE = integer('rate', 0);
const ANONYMOUS_VISITS = 80;
const SESSIONS = 12;
const PUBLIC_BASE_URL = 'https://hub.bench.example.eu';
const MAIL_FROM = 'ICC Hub <no-reply@hub.bench.example.eu>';
/** Longest a version may take from publish to ready before the run counts as failed. */
const READY_TIMEOUT_MS = 120_000;
const TEMPLATE = 'key-learnings-published';

// Bounded in time: services, seeding, boots and the fixture, the phases, the renders and the control.
const BUDGET_MS = (240 + WARMUP + 4 * PAIRS * (SECONDS + 60) + 4 * PAIRS * (SECONDS + 10)) * 1000;

const out = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round1 = (n) => Math.round(n * 10) / 10;
const round3 = (n) => Math.round(n * 1000) / 1000;
const pad = (s, n) => String(s).padStart(n);
const median = (list) => {
  if (list.length === 0) return null;
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const CHRT = '/usr/bin/chrt';
const NICE = '/usr/bin/nice';
const BURN = `let keep = [];
for (;;) {
  const rows = [];
  for (let i = 0; i < 20000; i++) rows.push({ id: i, s: 'x' + i });
  keep.push(rows);
  if (keep.length > 50) keep = [];
}`;

/** Starts the control's CPU burner at the render process's priority; the result stops it. */
function spinIdle() {
  const command = [process.execPath, '-e', BURN];
  const niced = existsSync(NICE) ? [NICE, '-n', '19', ...command] : command;
  const line = existsSync(CHRT) ? [CHRT, '--idle', '0', ...niced] : niced;
  const child = spawn(line[0], line.slice(1), { stdio: 'ignore' });
  const stop = () => child.kill('SIGKILL');
  cleanups.push(stop);
  return stop;
}

/** The q-quantile (nearest rank) of a list of milliseconds, to a tenth. */
const quantile = (list, q) => {
  if (list.length === 0) return null;
  const sorted = Float64Array.from(list).sort();
  return round1(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
};
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

// ---------------------------------------------------------------- processes and cleanup

const run = benchRun('documents', note);
const { cleanups, cleanup, fail } = run;

// ---------------------------------------------------------------- the live room

/** Deterministic randomness, so two runs write the same room. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20_260_601);
const pick = (list) => list[Math.floor(random() * list.length)];

const CITIES = [
  'Łódź',
  'Αθήνα',
  'София',
  'Gdańsk',
  'Košice',
  'Λευκωσία',
  'Cluj-Napoca',
  'Évora',
  'Tampere',
  'Zaragoza',
  'Espoo',
  'Ljubljana',
  'Vilnius',
  'Aarhus',
  'Île-de-France',
  'Sevilla',
];
const TOPICS = [
  'the digital twin of the harbour',
  'open data on energy use in public buildings',
  'green procurement of school meals',
  'a mobility-as-a-service pilot',
  'upskilling SMEs for the twin transition',
  'heat pumps in social housing',
  'citizen panels on the climate budget',
  'the 15-minute city',
  'smart street lighting',
  'circular construction materials',
];
const OPENERS = [
  (c, t) => `How did ${c} finance ${t}, and who owns the data afterwards?`,
  (c, t) => `Could ${c} share the tender documents for ${t}?`,
  (c, t) => `What went wrong first with ${t} in ${c}?`,
  (c, t) => `Is ${t} in ${c} measured against a baseline — and which KPIs (CO₂, €, jobs)?`,
  (c, t) => `Question from ${c}: how long did ${t} take from idea to pilot?`,
  (c, t) => `Does ${t} work for a city of 80 000 people like ours (${c})?`,
];
const ODD = [
  'Is <b>this</b> rendered as HTML? <script>alert("x")</script>',
  'See **this** [link](https://example.org/a_(b)) and `code` — does it stay text?',
  '# Not a heading | not | a table |',
  '1. not a list 2. still not & <i>no</i> markup',
  'Ευχαριστώ! Благодаря! Dziękuję! — thanks to the speakers 🙏',
  '> not a quote, ~~not struck~~, _not emphasised_ \\ backslash',
];
const MORE = [
  'We tried something similar and the procurement rules got in the way.',
  'Our council asks for evidence before the next budget round.',
  'The regional operational programme might co-fund it, but only until 2027.',
  'How did you get the utilities to share their data?',
  'Were the citizens involved from the start or only at the end?',
  'What would you do differently if you started again tomorrow?',
  'Is there an English summary of the evaluation report?',
  'Did the national government help, or was it a purely municipal effort?',
];

/** A question body of exactly `length` characters (most short, a few long ones). */
function questionBody(i) {
  const length = Math.round(40 + 360 * random() ** 2);
  let text = i % 17 === 0 ? pick(ODD) : pick(OPENERS)(pick(CITIES), pick(TOPICS));
  while (text.length < length) text += ` ${pick(MORE)}`;
  if (text.length > length) text = text.slice(0, length).trimEnd();
  while (text.length < 40) text += '?';
  return text;
}

function answerNote() {
  const length = Math.round(30 + 250 * random() ** 2);
  let text = pick([
    'The speaker pointed to the ICC knowledge hub for the tender template.',
    'Answered live: a revolving fund, 40 % EU co-financing, the rest from energy savings.',
    'Follow-up by mail after the session; the evaluation report is public.',
    'Both cities will compare notes in the next mentoring call.',
  ]);
  while (text.length < length) text += ` ${pick(MORE)}`;
  return text.slice(0, length).trimEnd();
}

const hashSecret = (secret) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Rows in one multi-VALUES insert, in chunks (PostgreSQL takes at most 65535 parameters). */
async function insertRows(manager, table, columns, rows) {
  const CHUNK = Math.floor(60_000 / columns.length);
  for (let start = 0; start < rows.length; start += CHUNK) {
    const part = rows.slice(start, start + CHUNK);
    const params = [];
    const values = part.map((row) => {
      const marks = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`,
      params,
    );
  }
}

/**
 * A bench City Lab of `SESSIONS` public sessions frozen into a release; the first has the live
 * room, the registrants and the rapporteurs.
 */
async function createBenchData(dataSource, persistence) {
  const tag = randomUUID().slice(0, 8);
  const event = await dataSource.getRepository(persistence.EventEntity).save({
    slug: `bench-documents-${tag}`,
    kind: 'city-lab',
    title: `City Lab on green and digital transition (bench ${tag})`,
    summary: '',
    timeZone: 'Europe/Brussels',
    startDate: '2031-06-03',
    endDate: '2031-06-03',
    venue: null,
    isDemo: false,
  });
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const sessions = await dataSource.getRepository(persistence.SessionEntity).save(
    Array.from({ length: SESSIONS }, (_, i) => ({
      eventId: event.id,
      title: i === 0 ? 'Financing the twin transition: lessons from the cities' : `Workshop ${i}`,
      abstract: 'What cities learned, and what they would do differently.',
      audience: 'public',
      capacity: 500,
      startsAt: new Date(startsAt.getTime() + i * 3_600_000),
      endsAt: new Date(startsAt.getTime() + i * 3_600_000 + 5_400_000),
    })),
  );
  const session = sessions[0];
  const frozen = await freezeBenchRelease(dataSource, persistence, event);

  const cities = (await dataSource.query('SELECT "id" FROM "cities" ORDER BY "name"')).map(
    (r) => r.id,
  );
  const counts = await dataSource.transaction(async (manager) => {
    // Registrants: accounts with a city, confirmed seats; rapporteurs with tokens.
    const registrants = Array.from({ length: REGISTRANTS }, (_, i) => [
      randomUUID(),
      `registrant-${i}-${tag}@city.example`,
      `Registrant ${i}`,
      cities.length && i % 5 ? cities[i % cities.length] : null,
    ]);
    const rapporteurs = Array.from({ length: RAPPORTEURS }, (_, i) => [
      randomUUID(),
      `rapporteur-${i}-${tag}@city.example`,
      `Rapporteur ${i}`,
      null,
    ]);
    await insertRows(
      manager,
      'accounts',
      ['id', 'email', 'name', 'cityId'],
      [...registrants, ...rapporteurs],
    );
    const secrets = rapporteurs.map(() => randomBytes(32).toString('base64url'));
    const expiresAt = new Date(Date.now() + 86_400_000);
    await insertRows(
      manager,
      'auth_sessions',
      ['accountId', 'secretHash', 'kind', 'label', 'csrfToken', 'expiresAt', 'lastUsedAt'],
      rapporteurs.map(([id], i) => [
        id,
        hashSecret(secrets[i]),
        'api',
        'bench',
        randomBytes(32).toString('base64url'),
        expiresAt,
        new Date(),
      ]),
    );
    await insertRows(
      manager,
      'event_roles',
      ['accountId', 'eventId', 'role'],
      rapporteurs.map(([id]) => [id, event.id, 'rapporteur']),
    );
    await insertRows(
      manager,
      'registrations',
      ['sessionId', 'accountId', 'cityId', 'status', 'confirmedAt'],
      registrants.map(([id, , , cityId]) => [session.id, id, cityId, 'confirmed', new Date()]),
    );
    await manager.query('UPDATE "sessions" SET "confirmedCount" = $2 WHERE "id" = $1', [
      session.id,
      REGISTRANTS,
    ]);

    // Questions the room saw (answered or visible), and some it never saw.
    const start = session.startsAt.getTime();
    const at = (i, n) => new Date(start + Math.floor((i / n) * 5_000_000));
    let answered = 0;
    let visible = 0;
    const rows = [];
    for (let i = 0; i < QUESTIONS; i++) {
      const isAnswered = random() < 0.3;
      if (isAnswered) answered++;
      else visible++;
      rows.push([
        session.id,
        randomUUID(),
        random() < 0.2,
        questionBody(i),
        isAnswered ? 'answered' : 'visible',
        i % 97 === 0,
        randomUUID(),
        Math.floor(random() ** 3 * 120),
        at(i, QUESTIONS),
        isAnswered ? new Date(at(i, QUESTIONS).getTime() + 60_000) : null,
        isAnswered && random() < 0.95 ? answerNote() : null,
      ]);
    }
    const hidden = Math.max(2, Math.round(QUESTIONS * 0.03));
    for (let i = 0; i < hidden; i++) {
      rows.push([
        session.id,
        randomUUID(),
        false,
        `HIDDEN ${i % 2 ? 'pending' : 'dismissed'} question that must not reach the digest ${i}`,
        i % 2 ? 'pending' : 'dismissed',
        false,
        randomUUID(),
        0,
        at(i, hidden),
        null,
        null,
      ]);
    }
    await insertRows(
      manager,
      'questions',
      [
        'sessionId',
        'authorAccountId',
        'anonymous',
        'body',
        'status',
        'pinned',
        'clientId',
        'voteCount',
        'createdAt',
        'answeredAt',
        'answerNote',
      ],
      rows,
    );

    // Polls with their options and votes by registrants.
    const polls = [
      {
        question: 'Which instrument would your city use first?',
        kind: 'single',
        options: ['Green bonds', 'EIB loan', 'ERDF', 'Energy performance contract'],
      },
      {
        question: 'Wo steht Ihre Stadt bei der Umsetzung? (Łódź, Αθήνα, София welcome)',
        kind: 'single',
        options: ['Idea', 'Pilot', 'Scaling up'],
      },
      {
        question: 'What holds you back? <several answers>',
        kind: 'multiple',
        options: ['Procurement rules', 'Skills', 'Data access', 'Budget', 'Politics'],
      },
    ];
    let votes = 0;
    for (const [p, poll] of polls.entries()) {
      const pollId = randomUUID();
      await insertRows(
        manager,
        'polls',
        ['id', 'sessionId', 'question', 'kind', 'status', 'createdByAccountId', 'closedAt'],
        [
          [
            pollId,
            session.id,
            poll.question,
            poll.kind,
            p < 2 ? 'closed' : 'open',
            rapporteurs[0][0],
            p < 2 ? new Date() : null,
          ],
        ],
      );
      const optionIds = poll.options.map(() => randomUUID());
      await insertRows(
        manager,
        'poll_options',
        ['id', 'pollId', 'label', 'position'],
        poll.options.map((label, i) => [optionIds[i], pollId, label, i]),
      );
      const voteRows = [];
      for (const [accountId] of registrants) {
        if (random() < 0.25) continue;
        const chosen = poll.kind === 'multiple' ? optionIds.filter(() => random() < 0.4) : [];
        if (chosen.length === 0) chosen.push(pick(optionIds));
        for (const optionId of chosen) voteRows.push([pollId, optionId, accountId]);
      }
      await insertRows(manager, 'poll_votes', ['pollId', 'optionId', 'accountId'], voteRows);
      votes += voteRows.length;
    }

    // Attendance: one or two visits per registrant who came, plus anonymous viewers.
    const visits = [];
    for (const [accountId] of registrants) {
      if (random() < 0.15) continue;
      for (let v = 0; v < (random() < 0.3 ? 2 : 1); v++) {
        const joined = start + Math.floor(random() * 4_000_000);
        const seen = joined + Math.floor(random() * 3_000_000);
        visits.push([session.id, accountId, new Date(joined), new Date(seen), new Date(seen)]);
      }
    }
    for (let i = 0; i < ANONYMOUS_VISITS; i++) {
      const joined = start + Math.floor(random() * 4_000_000);
      visits.push([session.id, null, new Date(joined), new Date(joined + 600_000), null]);
    }
    await insertRows(
      manager,
      'attendance',
      ['sessionId', 'accountId', 'joinedAt', 'lastSeenAt', 'leftAt'],
      visits,
    );
    return {
      answered,
      visible,
      hidden,
      votes,
      visits: visits.length,
      tokens: secrets.map((s) => `Bearer ${s}`),
    };
  });
  return { event, session, releaseId: frozen.release.id, ...counts };
}

// ---------------------------------------------------------------- services

async function startSink() {
  const child = spawn(process.execPath, [SINK], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  cleanups.push(() => stopChild(child, 'SIGTERM', 5_000));
  child.once('exit', (code, signal) => {
    if (!run.cleaning) void fail(new Error(`the SMTP sink exited (${signal ?? code})`));
  });
  const waiting = new Map();
  child.on('message', (message) => waiting.get(message.type)?.shift()?.(message));
  const answer = (type) =>
    within(
      new Promise((resolve) => {
        if (!waiting.has(type)) waiting.set(type, []);
        waiting.get(type).push(resolve);
      }),
      10_000,
      `sink ${type}`,
    );
  const { port } = await answer('listening');
  return {
    child,
    url: `smtp://127.0.0.1:${port}`,
    async count() {
      const reply = answer('count');
      child.send({ cmd: 'count' });
      return (await reply).count;
    },
  };
}

async function startApi(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [API], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  cleanups.push(() => stopChild(child, 'SIGTERM', 10_000));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited during start:\n${output()}`);
    const up = await fetch(`${baseUrl}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return { child, baseUrl, output };
    await sleep(100);
  }
  throw new Error(`api did not become healthy:\n${output()}`);
}

async function startWorker(env) {
  const child = spawn(process.execPath, [WORKER], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopChild(child, 'SIGTERM', 10_000));
  let output = '';
  let buffered = '';
  const problems = [];
  let started;
  const ready = new Promise((resolve, reject) => (started = { resolve, reject }));
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      output = (output + line + '\n').slice(-20_000);
      if (line.includes('ICC Hub worker started')) started.resolve();
      try {
        const entry = JSON.parse(line);
        if (entry.level >= 40) problems.push(`${entry.context ?? ''} ${entry.msg}`.trim());
      } catch {
        // not a log line
      }
    }
  });
  child.stderr.on('data', (chunk) => (output = (output + chunk.toString()).slice(-20_000)));
  child.once('exit', (code, signal) =>
    started.reject(new Error(`worker exited (${signal ?? code}) at start:\n${output}`)),
  );
  await within(ready, 60_000, 'worker start');
  return { child, problems, output: () => output };
}

// ---------------------------------------------------------------- the api's readers

async function reads(api, paths, pids) {
  const meter = cpuMeter(pids);
  const codes = {};
  const samples = [];
  const latencies = [];
  const run = autocannon({
    url: api.baseUrl,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(RATE > 0 ? { overallRate: RATE } : {}),
    timeout: 30,
    requests: paths.map((path) => ({
      method: 'GET',
      path,
      onResponse: (status, body) => {
        codes[status] = (codes[status] ?? 0) + 1;
        if ((status < 200 || status > 299) && samples.length < 3)
          samples.push(`${status} ${String(body).slice(0, 200)}`);
      },
    })),
  });
  // Every answer's own time (ms, from the request written to the answer read), so that a phase's
  // percentiles are taken over all its requests, to a tenth of a millisecond.
  run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await run;
  const requests = Object.values(codes).reduce((s, n) => s + n, 0);
  return {
    requests,
    rps: requests / result.duration,
    latencies,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: result.latency.max,
    codes,
    samples,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpu: Object.fromEntries(
      Object.entries(meter()).map(([name, ms]) => [name, ms === undefined ? null : Math.round(ms)]),
    ),
    load: loadavg()[0],
  };
}

function problemsOf(r) {
  const problems = [];
  if (r.non2xx)
    problems.push(`${r.non2xx} non-2xx answers ${JSON.stringify(r.codes)}: ${r.samples[0]}`);
  if (r.errors) problems.push(`${r.errors} socket errors`);
  if (r.timeouts) problems.push(`${r.timeouts} timeouts`);
  if (r.requests === 0) problems.push('no answer at all');
  return problems;
}

// ---------------------------------------------------------------- the rapporteur

/** Counts the questions of the digest: its headings and the list items under them. */
function digestCounts(digest) {
  const sections = digest.split(/^(?=### )/m);
  const section = (title) => sections.find((s) => s.startsWith(`### ${title} (`)) ?? '';
  const heading = (s) => Number(/^### [^(]+\((\d+)\)/.exec(s)?.[1] ?? NaN);
  const answered = section('Questions answered');
  const open = section('Questions still open');
  return {
    answeredHeading: heading(answered),
    openHeading: heading(open),
    answeredItems: (answered.match(/^\d+\. /gm) ?? []).length,
    openItems: (open.match(/^(?:\d+\. |- )/gm) ?? []).length,
    hiddenLeaked: digest.includes('HIDDEN'),
  };
}

function createRapporteur({ api, data, dataSource, textMax }) {
  const base = `${api.baseUrl}/api/sessions/${data.session.id}/key-learnings`;
  let turn = 0;
  const token = () => data.tokens[turn++ % data.tokens.length];
  async function request(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: token(),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, text: await response.text() };
  }
  async function call(method, path, body) {
    const { status, text } = await request(method, path, body);
    if (status < 200 || status > 299)
      throw new Error(`${method} ${path}: ${status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }
  let draft;
  let rounds = 0;
  /** 'edit' (PUT the draft with new notes) unless the digest is longer than a save accepts. */
  let mode;
  const notes = (k) =>
    [
      '## Key learnings',
      '',
      `*Rapporteur's summary, edit ${k} (${new Date().toISOString()}).*`,
      '',
      '1. **Financing** follows the project, not the other way round: start from the *outcome*.',
      '2. Cities like Łódź, Αθήνα and София pooled procurement to get better prices.',
      '3. Open data needs an owner in the administration, with a budget line.',
      '',
      '> "Pilot small, but plan the scale-up from day one." — a speaker',
      '',
      '| Instrument | Used by |',
      '| --- | ---: |',
      '| Green bonds | 4 cities |',
      '| ERDF | 9 cities |',
      '',
      'Read more on the [ICC knowledge hub](https://www.intelligentcitieschallenge.eu/).',
      '',
      `Open points after round ${k}: procurement templates, KPI baselines, <skills> & data access.`,
    ].join('\n');
  return {
    /** Compiles the digest, then tries the rapporteur's first edit: whether a save takes it. */
    async compile() {
      const t0 = performance.now();
      draft = await call('POST', '/digest');
      const compileMs = Math.round(performance.now() - t0);
      const compiled = draft;
      const save = await request('PUT', '/draft', {
        notes: notes(0),
        digest: draft.digest,
        revision: draft.revision,
      });
      if (save.status === 200) {
        mode = 'edit';
        draft = JSON.parse(save.text);
      } else if (save.status === 400 && draft.digest.length > textMax) {
        mode = 'recompile';
      } else {
        throw new Error(`PUT /draft: ${save.status} ${save.text.slice(0, 300)}`);
      }
      return { compiled, compileMs, save };
    },
    get mode() {
      return mode;
    },
    /** A new revision, published (the api's part of a round); rendering comes next. */
    async publish() {
      rounds++;
      const s0 = performance.now();
      if (rounds > 1 || draft.publishedRevision !== null) {
        draft =
          mode === 'edit'
            ? await call('PUT', '/draft', {
                notes: notes(rounds),
                digest: draft.digest,
                revision: draft.revision,
              })
            : await call('POST', '/digest');
      }
      const t0 = performance.now();
      const saveMs = Math.round(t0 - s0);
      const version = await call('POST', '/versions', { revision: draft.revision });
      const publishMs = Math.round(performance.now() - t0);
      if (version.renderState !== 'pending') throw new Error(`published as ${version.renderState}`);
      return { version, saveMs, publishMs, t0 };
    },
    /**
     * Waits until the worker rendered the published versions; wall times counted from `since`.
     * One light query per poll for all of them (the Markdown's length is read once, at the end:
     * reading a large TOASTed text on every poll would load PostgreSQL more than the api does).
     */
    async ready(published, since = published[0].t0) {
      const ids = published.map((p) => p.version.id);
      const readyAt = new Map();
      const deadline = since + READY_TIMEOUT_MS;
      while (readyAt.size < ids.length) {
        const rows = await dataSource.query(
          'SELECT "id", "renderState" FROM "key_learning_versions" WHERE "id" = ANY($1)',
          [ids],
        );
        const now = performance.now();
        for (const row of rows) {
          if (row.renderState === 'failed') throw new Error(`version ${row.id} failed`);
          if (row.renderState === 'ready' && !readyAt.has(row.id)) readyAt.set(row.id, now);
        }
        if (readyAt.size === ids.length) break;
        if (now > deadline) throw new Error(`versions not ready after ${READY_TIMEOUT_MS} ms`);
        await sleep(100);
      }
      const rows = await dataSource.query(
        'SELECT "id", "renderMs", length("markdown") AS "chars" FROM "key_learning_versions" ' +
          'WHERE "id" = ANY($1)',
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return published.map(({ version, saveMs, publishMs }) => ({
        id: version.id,
        number: version.number,
        renderMs: Number(byId.get(version.id).renderMs),
        saveMs,
        publishMs,
        wallMs: Math.round(readyAt.get(version.id) - since),
        chars: Number(byId.get(version.id).chars),
      }));
    },
  };
}

/** Waits until the worker has sent the key-learnings mails queued so far. */
async function mailsSent(dataSource) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const [row] = await dataSource.query(
      `SELECT COUNT(*) AS "n" FROM "outgoing_mails" WHERE "template" = $1 ` +
        `AND "state" NOT IN ('sent', 'failed')`,
      [TEMPLATE],
    );
    if (Number(row.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${row.n} key-learnings mails still unsent`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  for (const file of [API, WORKER, SEED, join(ROOT, 'dist/libs/persistence/src/index.js')]) {
    if (!existsSync(file)) throw new Error(`${file} missing: run \`npm run build:server\` first`);
  }
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'icc-bench-documents-'));
  chmodSync(tmp, 0o755); // PostgreSQL runs as the postgres user and must reach its directory
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  ensureDebianPackages([PACKAGES.redis, PACKAGES.postgres], { why: 'the documents benchmark' });
  const redis = await startRedis({ dir: join(tmp, 'redis'), port: await freePort() });
  cleanups.push(() => redis.stop());
  const pg = await startPostgres({ dir: join(tmp, 'pg'), port: await freePort() });
  cleanups.push(() => pg.stop());
  const sink = await startSink();
  const databaseUrl = pg.createDatabase('icc_bench_documents');
  out(
    `documents benchmark ${new Date().toISOString()}: node ${process.version}, ` +
      `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), load average ${load()}; ` +
      `started Redis :${redis.port}, PostgreSQL ${pg.psql('SHOW server_version').trim()} ` +
      `:${pg.port}, SMTP sink ${sink.url}`,
  );

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: join(tmp, 'data'),
    REDIS_URL: redis.url,
    DATABASE_URL: databaseUrl,
    SMTP_URL: sink.url,
    // The worker's probe server: a port of the run's own, not the default of a running hub.
    WORKER_PORT: String(await freePort()),
    PUBLIC_BASE_URL,
    MAIL_FROM,
  };
  delete env.SMTP_RATE_PER_SECOND;
  const seed = spawn(process.execPath, [SEED], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopChild(seed));
  const seedOutput = captureOutput(seed);
  if ((await waitExit(seed, 120_000)) !== 0) throw new Error(`seed failed:\n${seedOutput()}`);
  note(seedOutput().trim());

  // Entity column types follow DATABASE_URL when dist/libs/persistence is first imported.
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'PUBLIC_BASE_URL', 'MAIL_FROM']) {
    process.env[name] = env[name];
  }
  const { parseConfig } = await import(dist('libs/config/src/index.js'));
  const persistence = await import(dist('libs/persistence/src/index.js'));
  const { KEY_LEARNING_TEXT_MAX } = await import(dist('libs/contracts/src/index.js'));
  const dataSource = await persistence.openDataSource(
    persistence.dataSourceOptions(parseConfig(env)),
  );
  cleanups.push(() => dataSource.destroy());
  const data = await createBenchData(dataSource, persistence);
  out(
    `fixture: event ${data.event.slug}, session "${data.session.title}": ${QUESTIONS} questions ` +
      `(${data.answered} answered, ${data.visible} visible; ${data.hidden} pending/dismissed), ` +
      `3 polls (${data.votes} votes), ${data.visits} attendance rows, ${REGISTRANTS} confirmed ` +
      `registrations, ${RAPPORTEURS} rapporteurs with API tokens`,
  );

  const api = await startApi(env);
  const worker = await startWorker(env);
  let stopping = false;
  for (const [name, proc] of [
    ['api', api],
    ['worker', worker],
  ]) {
    proc.child.once('exit', (code, signal) => {
      if (!stopping && !run.cleaning)
        void fail(new Error(`${name} exited during the run (${signal ?? code})\n${proc.output()}`));
    });
  }
  out(`started the built api (pid ${api.child.pid}) and worker (pid ${worker.child.pid})`);
  const pids = {
    api: api.child.pid,
    worker: worker.child.pid,
    postgres: pg.child.pid,
    bench: process.pid,
  };

  // ---- the digest
  const rapporteur = createRapporteur({
    api,
    data,
    dataSource,
    textMax: KEY_LEARNING_TEXT_MAX,
  });
  const { compiled: draft, compileMs, save } = await rapporteur.compile();
  const counts = digestCounts(draft.digest);
  out(
    `digest compiled through the api in ${compileMs} ms: ${draft.digest.length} characters, ` +
      `"Questions answered (${counts.answeredHeading})" with ${counts.answeredItems} items, ` +
      `"Questions still open (${counts.openHeading})" with ${counts.openItems} items`,
  );
  const problems = [];
  if (counts.answeredHeading !== data.answered || counts.answeredItems !== data.answered)
    problems.push(
      `digest: ${counts.answeredHeading} answered (${counts.answeredItems} items), inserted ${data.answered}`,
    );
  if (counts.openHeading !== data.visible || counts.openItems !== data.visible)
    problems.push(
      `digest: ${counts.openHeading} open (${counts.openItems} items), inserted ${data.visible}`,
    );
  if (counts.hiddenLeaked) problems.push('digest: a pending or dismissed question is in it');
  if (rapporteur.mode === 'edit') {
    out('rounds: PUT a changed draft (new notes, the digest as compiled), then publish it');
  } else {
    out(
      `rounds: the rapporteur's edit of the compiled digest (${draft.digest.length} characters, ` +
        `more than KEY_LEARNING_TEXT_MAX ${KEY_LEARNING_TEXT_MAX}) answered ${save.status} ` +
        `(${save.text.slice(0, 160)}): each round recompiles the digest (a new revision) ` +
        'instead, then publishes it',
    );
  }

  // ---- warm-up
  const paths = [`/api/sessions/${data.session.id}`, `/api/events/${data.event.slug}/sessions`];
  out(`reads: ${paths.join(' and ')} in turns, ${CONNECTIONS} connections, ${SECONDS} s a run`);
  const [first] = await rapporteur.ready([await rapporteur.publish()]);
  out(
    `warm-up: first version rendered in ${first.renderMs} ms (publish → ready ${first.wallMs} ms, ` +
      `${first.chars} characters of Markdown)`,
  );
  if (WARMUP) {
    const r = await autocannon({
      url: api.baseUrl,
      connections: CONNECTIONS,
      duration: WARMUP,
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    if (r.non2xx || r.errors)
      throw new Error(`warm-up reads: ${r.non2xx} non-2xx, ${r.errors} errors`);
  }
  await mailsSent(dataSource);

  // ---- phases, ABBA
  const runs = { idle: [], loaded: [] };
  const versions = [];
  out(`phases: ${PAIRS} x (idle, loaded, loaded, idle)`);
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const phase of ['idle', 'loaded', 'loaded', 'idle']) {
      let r;
      let made = [];
      // No window inherits the background work of the one before (autovacuum of the files a
      // loaded window wrote, dirty pages to write out): both kinds start from the same state.
      await dataSource.query('VACUUM ANALYZE');
      await dataSource.query('CHECKPOINT');
      if (phase === 'idle') {
        r = await reads(api, paths, pids);
      } else {
        // The rapporteurs' saves and publishes are the api's work and happen before the window,
        // with the worker paused (SIGSTOP); in the window the worker renders them one after
        // another (and queues their mails) while the api is read: generation and nothing else.
        process.kill(worker.child.pid, 'SIGSTOP');
        const queued = [];
        try {
          for (let k = 0; k < VERSIONS; k++) queued.push(await rapporteur.publish());
        } finally {
          process.kill(worker.child.pid, 'SIGCONT');
        }
        const resumed = performance.now();
        const generating = rapporteur.ready(queued, resumed);
        generating.catch(() => undefined);
        r = await reads(api, paths, pids);
        made = await generating;
        versions.push(...made);
      }
      problems.push(...problemsOf(r).map((p) => `${phase} reads: ${p}`));
      runs[phase].push(r);
      out(
        `  ${phase.padEnd(6)} ${pad(Math.round(r.rps), 5)} req/s  p50 ${pad(r.p50, 5)} ms  ` +
          `p99 ${pad(r.p99, 5)} ms  max ${pad(r.max, 5)} ms  ${r.requests} reads, ` +
          `${r.non2xx} non-2xx; CPU ms api ${r.cpu.api}, worker ${r.cpu.worker}, postgres ` +
          `${r.cpu.postgres}, bench ${r.cpu.bench}; load ${r.load.toFixed(2)}` +
          (phase === 'loaded'
            ? `\n         ${made.length} versions: renderMs ${made.map((v) => v.renderMs).join(', ')}` +
              `; ready after the worker resumed ${made.map((v) => v.wallMs).join(', ')} ms; ` +
              "before the window, the rapporteurs' " +
              `${rapporteur.mode === 'edit' ? 'save' : 'recompile'} requests took ` +
              `${made.map((v) => v.saveMs).join(', ')} ms, publish ${made.map((v) => v.publishMs).join(', ')} ms`
            : ''),
      );
      await mailsSent(dataSource);
    }
  }

  // ---- checks
  const all = [first, ...versions];
  const fileRows = await dataSource.query(
    'SELECT v."id", v."renderState", COUNT(f."id") AS "files", ' +
      `(SELECT COUNT(*) FROM "outgoing_mails" m WHERE m."template" = $2 AND m."dataRef" LIKE '%' || v."id" || '%') AS "mails" ` +
      'FROM "key_learning_versions" v LEFT JOIN "key_learning_files" f ON f."versionId" = v."id" ' +
      'WHERE v."id" = ANY($1) GROUP BY v."id"',
    [all.map((v) => v.id), TEMPLATE],
  );
  if (fileRows.length !== all.length)
    problems.push(`${fileRows.length} of ${all.length} published versions found`);
  for (const row of fileRows) {
    if (row.renderState !== 'ready' || Number(row.files) !== 3)
      problems.push(`version ${row.id}: ${row.renderState} with ${row.files} files`);
    if (Number(row.mails) !== REGISTRANTS)
      problems.push(`version ${row.id}: ${row.mails} mails queued for ${REGISTRANTS} registrants`);
  }
  const last = all[all.length - 1];
  const page = await fetch(`${api.baseUrl}/api/sessions/${data.session.id}/key-learnings`);
  const view = await page.json();
  let pdfBytes = 0;
  if (page.status !== 200 || view.latest?.id !== last.id) {
    problems.push(`public page: ${page.status}, latest ${view.latest?.id} not ${last.id}`);
  } else {
    const pdf = view.latest.files.find((f) => f.format === 'pdf');
    const response = pdf ? await fetch(`${api.baseUrl}${pdf.url}`) : null;
    const body = response ? Buffer.from(await response.arrayBuffer()) : Buffer.alloc(0);
    pdfBytes = body.length;
    const type = response?.headers.get('content-type') ?? '';
    if (!response || response.status !== 200 || !type.startsWith('application/pdf'))
      problems.push(`PDF download: ${response?.status} ${type}`);
    if (body.subarray(0, 4).toString('latin1') !== '%PDF')
      problems.push('PDF download does not start with %PDF');
    out(`last version's PDF through the api: ${response?.status} ${type}, ${pdfBytes} bytes`);
  }
  if (versions.length === 0) problems.push('no version rendered during the loaded phases');
  if (worker.problems.length) {
    const kinds = new Map();
    for (const p of worker.problems) {
      const kind = p.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    note(
      `worker warned ${worker.problems.length}x: ` +
        [...kinds].map(([kind, n]) => `${n}x ${kind}`).join(' | '),
    );
  }
  const mailStates = Object.fromEntries(
    (
      await dataSource.query(
        'SELECT "state", COUNT(*) AS "n", MIN("lastError") AS "error" FROM "outgoing_mails" ' +
          'WHERE "template" = $1 GROUP BY "state"',
        [TEMPLATE],
      )
    ).map((r) => [r.state, { n: Number(r.n), error: r.error }]),
  );
  const delivered = await sink.count();
  out(
    `key-learnings mails: ${Object.entries(mailStates)
      .map(([state, { n }]) => `${n} ${state}`)
      .join(', ')}; ${delivered} reached the SMTP sink`,
  );
  // Sending is the mail pipeline's part (npm run bench:mail): told, not a failure of this bench.
  if (mailStates.failed)
    note(`WARNING: ${mailStates.failed.n} key-learnings mails failed: ${mailStates.failed.error}`);

  // ---- figures
  // A phase's p99 is over every request of its windows (2 x PAIRS windows of SECONDS each).
  const pooled = (list, q) =>
    quantile(
      list.flatMap((r) => r.latencies),
      q,
    );
  const idleP99 = pooled(runs.idle, 0.99);
  const loadedP99 = pooled(runs.loaded, 0.99);
  const renderMs = versions.map((v) => v.renderMs);
  const generationMs = median(renderMs);
  const ratio = loadedP99 / idleP99;
  const rpsOf = (list) => round1(median(list.map((r) => r.rps)));
  // The control: the same reads while the worker renders nothing and a process that only burns
  // CPU runs in the idle scheduling class at nice 19, as the render process does (ABBA again).
  // What it costs the api is what any background CPU work costs it on this machine, however low
  // its priority: a floor for api_p99_ratio measured in the same run.
  const control = { idle: [], spinner: [] };
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const phase of ['idle', 'spinner', 'spinner', 'idle']) {
      await dataSource.query('VACUUM ANALYZE');
      await dataSource.query('CHECKPOINT');
      const stop = phase === 'spinner' ? spinIdle() : () => undefined;
      try {
        control[phase].push(await reads(api, paths, pids));
      } finally {
        stop();
      }
    }
  }
  const controlIdleP99 = pooled(control.idle, 0.99);
  const controlSpinnerP99 = pooled(control.spinner, 0.99);
  const controlRatio = controlSpinnerP99 / controlIdleP99;
  out(
    `control (${PAIRS} x idle, spinner, spinner, idle; no rendering, an idle-class CPU burner ` +
      `instead): api p99 idle ${controlIdleP99} ms, with the burner ${controlSpinnerP99} ms, ratio ` +
      `${round3(controlRatio)}`,
  );
  out(
    `=> generation_ms ${generationMs} (median of ${versions.length} versions, max ` +
      `${Math.max(...renderMs)}, first ${first.renderMs}), publish → ready ${first.wallMs} ms ` +
      `(the warm-up version, nothing else running); api p99 idle ${idleP99} ms, loaded ` +
      `${loadedP99} ms, ratio ${round3(ratio)}; ${delivered} mails reached the sink; ` +
      `load average ${load()}`,
  );

  stopping = true;
  const final = {
    bench: 'documents',
    questions: QUESTIONS,
    generation_ms: generationMs,
    api_p99_idle_ms: idleP99,
    api_p99_ms: loadedP99,
    api_p99_ratio: round3(ratio),
    generation_ms_max: Math.max(...renderMs),
    generation_ms_first: first.renderMs,
    publish_to_ready_ms: first.wallMs,
    batch_ready_ms_max: Math.max(...versions.map((v) => v.wallMs)),
    versions: versions.length,
    // The rapporteur's own api requests during the loaded phases (they load the api too).
    rapporteur_save_ms: median(versions.map((v) => v.saveMs)),
    rapporteur_publish_ms: median(versions.map((v) => v.publishMs)),
    render_ms_all: renderMs,
    markdown_chars: last.chars,
    digest_chars: draft.digest.length,
    rounds_by: rapporteur.mode,
    digest_compile_ms: compileMs,
    draft_save_status: save.status,
    pdf_bytes: pdfBytes,
    answered: data.answered,
    open: data.visible,
    api_p99_idle_runs_ms: runs.idle.map((r) => r.p99),
    api_p99_loaded_runs_ms: runs.loaded.map((r) => r.p99),
    api_p50_idle_ms: pooled(runs.idle, 0.5),
    api_p50_loaded_ms: pooled(runs.loaded, 0.5),
    // The estimator before 2026-11-29 (median of the windows' own p99), for comparison.
    api_p99_ratio_median_of_runs: round3(
      median(runs.loaded.map((r) => r.p99)) / median(runs.idle.map((r) => r.p99)),
    ),
    // The control: an idle-class process that only burns CPU instead of the rendering.
    api_p99_control_idle_ms: controlIdleP99,
    api_p99_control_spinner_ms: controlSpinnerP99,
    api_p99_ratio_control: round3(controlRatio),
    api_rps_idle: rpsOf(runs.idle),
    api_rps_loaded: rpsOf(runs.loaded),
    non_2xx: [...runs.idle, ...runs.loaded].reduce((s, r) => s + r.non2xx + r.errors, 0),
    cpu_ms_loaded: Object.fromEntries(
      Object.keys(pids).map((k) => [k, runs.loaded.reduce((s, r) => s + (r.cpu[k] ?? 0), 0)]),
    ),
    cpu_ms_idle: Object.fromEntries(
      Object.keys(pids).map((k) => [k, runs.idle.reduce((s, r) => s + (r.cpu[k] ?? 0), 0)]),
    ),
    mails_sent: mailStates.sent?.n ?? 0,
    mails_failed: mailStates.failed?.n ?? 0,
    mails_delivered: delivered,
    problems: problems.length,
    connections: CONNECTIONS,
    seconds: SECONDS,
    rate: RATE,
    registrants: REGISTRANTS,
    versions_per_window: VERSIONS,
    pairs: PAIRS,
    db: 'postgres',
    cores: availableParallelism(),
    load_avg: loadavg().map(round1),
    took_s: Math.round((performance.now() - started) / 1000),
    date: new Date().toISOString(),
  };
  await cleanup();
  out(JSON.stringify(final));
  if (problems.length) {
    process.stderr.write(`\ndocuments benchmark FAILED: ${problems.join('; ')}\n`);
    process.exitCode = 1;
  }
}

const deadline = setTimeout(
  () => void fail(new Error(`did not finish within ${Math.round(BUDGET_MS / 1000)} s`)),
  BUDGET_MS,
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void fail(new Error(`interrupted by ${signal}`)));
}
main().then(
  () => clearTimeout(deadline),
  (error) => void fail(error),
);
