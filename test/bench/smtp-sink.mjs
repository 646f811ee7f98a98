// A counting SMTP sink for the mail benchmark (test/bench/mail.mjs starts it as a child process with
// an IPC channel, so that receiving mail does not share the benchmark's event loop).
//
//   node test/bench/smtp-sink.mjs        listens on a free loopback port, no auth, no TLS
//
// It keeps no message: the data stream is drained and only what the benchmark checks is kept, per
// message: the recipients, the Message-ID header and whether a text/calendar part with
// method=REQUEST went by. Talks over IPC:
//   -> {type:'listening', port}                       once, at start
//   <- {cmd:'reset', target}  -> {type:'reset'}        forget everything; report when `target` arrive
//   -> {type:'reached', count, at}                     the moment the target count is reached
//   <- {cmd:'count'}          -> {type:'count', count}
//   <- {cmd:'stats'}          -> {type:'stats', ...}   counts, recipients with their mail count,
//                                                      the Message-IDs seen
// Exits when the benchmark goes away (IPC disconnect) or on SIGTERM/SIGINT.
import { SMTPServer } from 'smtp-server';

if (typeof process.send !== 'function') {
  process.stderr.write('smtp-sink.mjs must be started with an IPC channel (by mail.mjs)\n');
  process.exit(2);
}

const CALENDAR = /content-type:\s*text\/calendar[^\r\n]*method=request/i;
const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;
/** Enough of the previous chunk to find a header line that a chunk boundary cut in two. */
const OVERLAP = 200;

let state;
function reset(target) {
  state = {
    target,
    count: 0,
    bytes: 0,
    withCalendar: 0,
    rejected: 0,
    perRecipient: new Map(),
    messageIds: new Set(),
    missingMessageId: 0,
    firstAt: 0,
    lastAt: 0,
  };
}
reset(0);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  banner: 'icc-hub bench sink',
  size: 25 * 1024 * 1024,
  // The hub and the baseline open a pool each; no reason to refuse anyone.
  maxClients: 1000,
  onData(stream, session, callback) {
    let tail = '';
    let header = '';
    let headerDone = false;
    let calendar = false;
    let bytes = 0;
    stream.on('data', (chunk) => {
      bytes += chunk.length;
      const text = tail + chunk.toString('latin1');
      if (!headerDone) {
        header += chunk.toString('latin1');
        const end = header.indexOf('\r\n\r\n');
        if (end >= 0) {
          header = header.slice(0, end + 2);
          headerDone = true;
        }
      }
      if (!calendar && CALENDAR.test(text)) calendar = true;
      tail = text.slice(-OVERLAP);
    });
    stream.on('end', () => {
      if (stream.sizeExceeded) {
        state.rejected++;
        callback(Object.assign(new Error('message too big'), { responseCode: 552 }));
        return;
      }
      const now = Date.now();
      state.count++;
      state.bytes += bytes;
      if (state.firstAt === 0) state.firstAt = now;
      state.lastAt = now;
      if (calendar) state.withCalendar++;
      const messageId = MESSAGE_ID.exec(header)?.[1];
      if (messageId) state.messageIds.add(messageId);
      else state.missingMessageId++;
      for (const { address } of session.envelope.rcptTo) {
        const key = address.toLowerCase();
        state.perRecipient.set(key, (state.perRecipient.get(key) ?? 0) + 1);
      }
      callback();
      if (state.count === state.target) {
        process.send({ type: 'reached', count: state.count, at: now });
      }
    });
  },
});
// A client that goes away mid-conversation is not the sink's problem.
server.on('error', () => undefined);

process.on('message', (message) => {
  if (message?.cmd === 'reset') {
    reset(Number(message.target) || 0);
    process.send({ type: 'reset' });
  } else if (message?.cmd === 'count') {
    process.send({ type: 'count', count: state.count });
  } else if (message?.cmd === 'stats') {
    process.send({
      type: 'stats',
      count: state.count,
      bytes: state.bytes,
      withCalendar: state.withCalendar,
      rejected: state.rejected,
      distinctMessageIds: state.messageIds.size,
      missingMessageId: state.missingMessageId,
      firstAt: state.firstAt,
      lastAt: state.lastAt,
      recipients: [...state.perRecipient],
      messageIds: [...state.messageIds],
    });
  }
});

function close() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on('disconnect', close);
process.on('SIGTERM', close);
process.on('SIGINT', close);

server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'listening', port: server.server.address().port, pid: process.pid });
});
