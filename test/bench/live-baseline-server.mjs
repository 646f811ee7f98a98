// Baseline of test/bench/live.mjs: a bare Socket.IO server (plain node:http + socket.io, default
// in-memory adapter; no Nest, no Redis, no database) speaking the subset of the hub's /live
// contract the bench uses:
//   join {sessionId}                          -> joins room `session:<id>`, ack {ok, presence}
//   question:ask {sessionId, body, clientId}  -> ack {ok, question, created}
//   question:moderate {questionId, action:'edit', body}
//        -> broadcasts `question` (the RoomQuestion shape: same fields as the hub's) to the room,
//           ack {ok, question}
// Prints {"listening": port} as its first stdout line.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const MAX_MESSAGE_BYTES = 16 * 1024; // LIVE_MAX_MESSAGE_BYTES
const port = Number(process.env.PORT ?? 0);
const authorName = process.env.BENCH_AUTHOR_NAME ?? 'Bench Moderator';

const http = createServer();
const server = new Server(http, { serveClient: false, maxHttpBufferSize: MAX_MESSAGE_BYTES });
const nsp = server.of('/live');
const questions = new Map();

nsp.on('connection', (socket) => {
  socket.on('join', (request, ack) => {
    const room = `session:${request?.sessionId}`;
    socket.join(room);
    ack?.({ ok: true, presence: nsp.adapter.rooms.get(room)?.size ?? 0 });
  });
  socket.on('question:ask', (request, ack) => {
    const at = new Date().toISOString();
    const question = {
      id: randomUUID(),
      sessionId: request.sessionId,
      authorName,
      anonymous: false,
      body: request.body,
      status: 'visible',
      pinned: false,
      voteCount: 0,
      edited: false,
      createdAt: at,
      updatedAt: at,
      answeredAt: null,
    };
    questions.set(question.id, question);
    nsp.to(`session:${question.sessionId}`).emit('question', question);
    ack?.({ ok: true, question: { ...question, votedByMe: false, mine: true }, created: true });
  });
  socket.on('question:moderate', (request, ack) => {
    const question = questions.get(request?.questionId);
    if (!question || request.action !== 'edit' || typeof request.body !== 'string') {
      ack?.({ ok: false, error: { code: 'invalid_input', message: 'edit of a known question' } });
      return;
    }
    question.body = request.body;
    question.edited = true;
    question.updatedAt = new Date().toISOString();
    nsp.to(`session:${question.sessionId}`).emit('question', question);
    ack?.({ ok: true, question });
  });
});

http.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: http.address().port })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
