// One client worker of test/bench/live.mjs (child_process.fork): holds a share of the Socket.IO
// clients, each on its own connection (forceNew), joins them to one room, and measures, for every
// broadcast tick of the measured window, whether each client got it and how late.
//
// The parent drives it over IPC:
//   {type:'connect', urls, offset, origin, sessionId, count, concurrency, timeoutMs}
//        -> progress lines {type:'progress', joined, failed}, then {type:'joined', ...}
//   {type:'measure', from, to}   ticks from..to count from now on (earlier and later are ignored)
//   {type:'status'}              -> {type:'status', delivered}
//   {type:'report'}              -> {type:'report', delivered, duplicates, histogram, ...}
//   {type:'close'}               disconnects every client and exits
//
// A broadcast is a `question` event whose body holds `tick <k> @ <send time ms>`; its latency is
// the receive time (performance.timeOrigin + performance.now(), the machine's clock, like the
// sender's) minus the send time, in 0.1 ms buckets.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import WebSocket from 'ws';

const BUCKET_MS = 0.1;
const MAX_BUCKET = 600_000; // 60 s
const TICK = /tick (\d+) @ (\d+(?:\.\d+)?)/;

const clients = [];
let window = null; // { from, to, span, seen: Uint8Array(clients × span) }
let histogram = new Uint32Array(MAX_BUCKET + 1);
let delivered = 0;
let duplicates = 0;
let outside = 0;
let unparsed = 0;
let maxLatency = 0;
let sampleBytes = 0;
let sampleKeys = '';
const disconnects = {};

const now = () => performance.timeOrigin + performance.now();
const send = (message) => process.send?.(message);

function onQuestion(index, question) {
  const at = now();
  const m = TICK.exec(question?.body ?? '');
  if (!m) {
    unparsed++;
    return;
  }
  const tick = Number(m[1]);
  if (!window || tick < window.from || tick > window.to) {
    outside++;
    return;
  }
  if (!sampleBytes) {
    sampleBytes = Buffer.byteLength(JSON.stringify(question));
    sampleKeys = Object.keys(question).sort().join(',');
  }
  const slot = index * window.span + (tick - window.from);
  if (window.seen[slot]) {
    duplicates++;
    return;
  }
  window.seen[slot] = 1;
  delivered++;
  const latency = Math.max(0, at - Number(m[2]));
  if (latency > maxLatency) maxLatency = latency;
  histogram[Math.min(MAX_BUCKET, Math.round(latency / BUCKET_MS))]++;
}

function connectOne(index, { urls, offset, origin, sessionId, timeoutMs }) {
  const url = urls[(offset + index) % urls.length];
  return new Promise((resolve) => {
    const started = now();
    const socket = io(url, {
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
      timeout: timeoutMs,
      extraHeaders: { origin },
    });
    let settled = false;
    const done = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ socket, error, ms: now() - started });
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.on('question', (q) => onQuestion(index, q));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      if (settled) disconnects[reason] = (disconnects[reason] ?? 0) + 1;
      else done(`disconnect: ${reason}`);
    });
    socket.once('connect_error', (error) => done(`connect_error: ${error.message}`));
    socket.once('connect', () => {
      socket
        .timeout(timeoutMs)
        .emitWithAck('join', { sessionId })
        .then(
          (ack) => done(ack?.ok ? undefined : `join refused: ${JSON.stringify(ack?.error ?? ack)}`),
          () => done('join: no acknowledgement'),
        );
    });
  });
}

/**
 * The same client on the wire without socket.io-client: a bare WebSocket speaking Engine.IO 4 /
 * Socket.IO 5 text packets (open, namespace connect, event with ack, ping/pong, event). Each
 * broadcast is still JSON-decoded as socket.io-client would; it just skips the client library's
 * own overhead, which on a small machine would otherwise compete with the server for CPU.
 */
function connectOneLite(index, { urls, offset, origin, sessionId, timeoutMs }) {
  const base = urls[(offset + index) % urls.length];
  const { protocol, host, pathname } = new URL(base);
  const nsp = pathname; // '/live'
  const prefix = `42${nsp},`;
  const url = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/socket.io/?EIO=4&transport=websocket`;
  return new Promise((resolve) => {
    const started = now();
    const ws = new WebSocket(url, { headers: { origin }, perMessageDeflate: false });
    const socket = {
      connected: false,
      closing: false,
      disconnect() {
        socket.closing = true;
        ws.close();
      },
    };
    let settled = false;
    const done = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ socket, error, ms: now() - started });
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    ws.on('error', (error) => done(`connect_error: ${error.message}`));
    ws.on('close', (code) => {
      socket.connected = false;
      if (socket.closing) return;
      if (settled) disconnects[`close ${code}`] = (disconnects[`close ${code}`] ?? 0) + 1;
      else done(`disconnect: close ${code}`);
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      if (text === '2') {
        ws.send('3');
      } else if (text.startsWith(prefix)) {
        const packet = JSON.parse(text.slice(prefix.length));
        if (packet[0] === 'question') onQuestion(index, packet[1]);
      } else if (text[0] === '0') {
        ws.send(`40${nsp},`);
      } else if (text.startsWith(`40${nsp},`)) {
        socket.connected = true;
        ws.send(`42${nsp},1${JSON.stringify(['join', { sessionId }])}`);
      } else if (text.startsWith(`44${nsp},`)) {
        done(`connect_error: ${text.slice(nsp.length + 3)}`);
      } else if (text.startsWith(`43${nsp},1`)) {
        const [ack] = JSON.parse(text.slice(nsp.length + 4));
        done(ack?.ok ? undefined : `join refused: ${JSON.stringify(ack?.error ?? ack)}`);
      }
    });
  });
}

async function connectAll(options) {
  const { count, concurrency } = options;
  let next = 0;
  let joined = 0;
  let failed = 0;
  const errors = {};
  const joinMs = [];
  const progress = setInterval(() => send({ type: 'progress', joined, failed }), 1000);
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const { socket, error, ms } = await (
        options.impl === 'socket.io' ? connectOne : connectOneLite
      )(index, options);
      clients[index] = socket;
      joinMs.push(ms);
      if (error) {
        failed++;
        errors[error] = (errors[error] ?? 0) + 1;
        socket.disconnect();
      } else joined++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  clearInterval(progress);
  joinMs.sort((a, b) => a - b);
  const q = (p) => Math.round(joinMs[Math.min(joinMs.length - 1, Math.floor(p * joinMs.length))]);
  send({
    type: 'joined',
    joined,
    failed,
    errors,
    joinMs: { p50: q(0.5), p99: q(0.99), max: Math.round(joinMs.at(-1) ?? 0) },
  });
}

process.on('message', (message) => {
  switch (message.type) {
    case 'connect':
      connectAll(message).catch((error) => send({ type: 'error', error: String(error?.stack) }));
      break;
    case 'measure': {
      const span = message.to - message.from + 1;
      window = {
        from: message.from,
        to: message.to,
        span,
        seen: new Uint8Array(clients.length * span),
      };
      histogram = new Uint32Array(MAX_BUCKET + 1);
      delivered = duplicates = outside = unparsed = 0;
      maxLatency = 0;
      break;
    }
    case 'status':
      send({ type: 'status', delivered });
      break;
    case 'report': {
      const sparse = [];
      for (let i = 0; i < histogram.length; i++) if (histogram[i]) sparse.push([i, histogram[i]]);
      const connected = clients.filter((s) => s?.connected).length;
      send({
        type: 'report',
        delivered,
        duplicates,
        outside,
        unparsed,
        maxLatency,
        histogram: sparse,
        bucketMs: BUCKET_MS,
        sampleBytes,
        sampleKeys,
        disconnects,
        connected,
        clients: clients.length,
      });
      break;
    }
    case 'close':
      for (const socket of clients) socket?.disconnect();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
