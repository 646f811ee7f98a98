// The live-room crowd of the soak (test/bench/lib/soak.mjs starts it as a child process with an IPC
// channel, so that 2,000 sockets do not share the soak's own event loop).
//
// Each client is a signed-in person (bearer token) in one session's room through the proxy, over
// WebSocket as the browser app connects. It asks its questions at planned moments, each with its
// own client id, and asks again with the same id until the hub acknowledges it: after a timeout,
// after a reconnect (a live process killed under it), after a rate-limit answer. It votes for one
// question it saw. The hub must store every question exactly once.
//
//   <- {cmd:'start', url, sessionId, secrets, questionsPerClient, askWindowMs}
//   -> {type:'connected', count}                    once every client has joined the room
//   -> {type:'progress', connected, joined, acked, sent, errors}   every 5 s
//   <- {cmd:'finish', deadlineMs}                   stop planning; retry what is unacknowledged
//   -> {type:'done', sent, acked, unacked, reconnects, received, errors}
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';

if (typeof process.send !== 'function') {
  process.stderr.write('soak-live-clients.mjs must be started with an IPC channel\n');
  process.exit(2);
}

// Generous: a join or a question that is slow to be answered is still being worked on, and asking
// again adds work (the hub shares a socket's repeated join, and stores a question once).
const JOIN_TIMEOUT_MS = 60_000;
const ACK_TIMEOUT_MS = 30_000;
const RETRY_MS = 3_000;
/** People arrive over time: one socket every this many milliseconds. */
const ARRIVAL_MS = 25;

const clients = [];
let finishing = false;
const stats = { reconnects: 0, received: 0, errors: {} };

function countError(code) {
  stats.errors[code] = (stats.errors[code] ?? 0) + 1;
}

function startClient({ url, sessionId, secret, plan }) {
  const socket = io(`${url}/live`, {
    transports: ['websocket'],
    extraHeaders: { origin: url, authorization: `Bearer ${secret}` },
    reconnectionDelay: 250,
    reconnectionDelayMax: 2_000,
    randomizationFactor: 0.5,
  });
  const client = {
    socket,
    joined: false,
    joining: false,
    joinRetryAt: 0,
    plan,
    voted: false,
    everConnected: false,
  };
  socket.on('connect', () => {
    if (client.everConnected) stats.reconnects += 1;
    client.everConnected = true;
    client.joined = false;
    join(client, sessionId);
  });
  socket.on('disconnect', () => (client.joined = false));
  socket.on('question', (question) => {
    stats.received += 1;
    if (!client.voted && client.joined && Math.random() < 0.05) {
      client.voted = true;
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('question:vote', { questionId: question.id, up: true })
        .catch(() => countError('vote:timeout'));
    }
  });
  clients.push(client);
  return client;
}

/** Enters the room; a refused or unanswered join is tried again by `tick`. */
function join(client, sessionId) {
  if (!client.socket.connected || client.joined || client.joining) return;
  client.joining = true;
  client.socket
    .timeout(JOIN_TIMEOUT_MS)
    .emitWithAck('join', { sessionId })
    .then(
      (ack) => {
        if (ack.ok) client.joined = true;
        else countError(`join:${ack.error?.code ?? 'unknown'}`);
      },
      () => countError('join:timeout'),
    )
    .finally(() => {
      client.joining = false;
      if (!client.joined) client.joinRetryAt = Date.now() + RETRY_MS;
    });
}

/** Sends every due, unacknowledged question of every joined client; one in flight per question. */
function tick(sessionId) {
  const now = Date.now();
  for (const client of clients) {
    if (!client.joined) {
      if (client.joinRetryAt <= now) join(client, sessionId);
      continue;
    }
    for (const q of client.plan) {
      if (q.acked || q.inFlight || (!finishing && q.at > now) || q.retryAt > now) continue;
      q.inFlight = true;
      q.sent = true;
      client.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('question:ask', { sessionId, body: q.body, clientId: q.clientId })
        .then(
          (ack) => {
            if (ack.ok) q.acked = true;
            else {
              countError(`ask:${ack.error?.code ?? 'unknown'}`);
              q.retryAt = Date.now() + RETRY_MS * 5;
            }
          },
          () => {
            countError('ask:timeout');
            q.retryAt = Date.now() + RETRY_MS;
          },
        )
        .finally(() => (q.inFlight = false));
    }
  }
}

function totals() {
  let sent = 0;
  let acked = 0;
  for (const client of clients) {
    for (const q of client.plan) {
      if (q.sent) sent += 1;
      if (q.acked) acked += 1;
    }
  }
  return {
    sent,
    acked,
    connected: clients.filter((c) => c.socket.connected).length,
    joined: clients.filter((c) => c.joined).length,
    errors: stats.errors,
  };
}

process.on('message', (message) => {
  if (message.cmd === 'start') {
    const { url, sessionId, secrets, questionsPerClient, askWindowMs } = message;
    const begin = Date.now();
    secrets.forEach((secret, i) => {
      const plan = Array.from({ length: questionsPerClient }, (_, k) => ({
        clientId: randomUUID(),
        body: `Soak question ${k + 1} of person ${i + 1}: what did the city learn?`,
        at: begin + Math.random() * askWindowMs,
        sent: false,
        acked: false,
        inFlight: false,
        retryAt: 0,
      }));
      // Spread the connects: a crowd arrives over a minute, not in one instant.
      setTimeout(() => startClient({ url, sessionId, secret, plan }), i * ARRIVAL_MS);
    });
    const waitJoined = setInterval(() => {
      if (clients.length === secrets.length && clients.every((c) => c.joined)) {
        clearInterval(waitJoined);
        process.send({ type: 'connected', count: clients.length });
      }
    }, 200);
    setInterval(() => tick(sessionId), 200);
    setInterval(() => process.send({ type: 'progress', ...totals() }), 5_000);
  } else if (message.cmd === 'finish') {
    finishing = true;
    const deadline = Date.now() + message.deadlineMs;
    const check = setInterval(() => {
      const t = totals();
      if (t.acked === clients.reduce((n, c) => n + c.plan.length, 0) || Date.now() > deadline) {
        clearInterval(check);
        const sentIds = [];
        const unacked = [];
        for (const client of clients) {
          for (const q of client.plan) {
            if (q.sent) sentIds.push(q.clientId);
            if (q.sent && !q.acked) unacked.push(q.clientId);
          }
        }
        process.send({
          type: 'done',
          sent: t.sent,
          acked: t.acked,
          clientIds: sentIds,
          unacked,
          reconnects: stats.reconnects,
          received: stats.received,
          errors: stats.errors,
        });
        for (const client of clients) client.socket.disconnect();
        setTimeout(() => process.exit(0), 200);
      }
    }, 250);
  }
});
process.on('disconnect', () => process.exit(0));
