import { fastify, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type AddressObject, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import {
  allowedHosts,
  attachmentDisposition,
  MESSAGE_HTML_CSP,
  PAGE_CSP,
  refusal,
  safeContentType,
  SECURITY_HEADERS,
} from './http-safety.js';
import type { CapturedMessage, MailStore } from './mail-store.js';
import { renderList, renderMessage, renderProblem } from './pages.js';

const PAGE_SIZE = 100;
const ATTACHMENT_INDEX = /^\d{1,4}$/;
const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/calendar': '.ics',
  'text/plain': '.txt',
  'text/html': '.html',
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

export interface HttpOptions {
  httpPort: number;
  smtpPort: number;
}

interface IdParams {
  id: string;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined;
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/** A parameter of a structured header such as Content-Type (mailparser decodes RFC 2231). */
function paramOf(header: HeaderValue | undefined, name: string): string | undefined {
  if (!header || typeof header !== 'object' || !('params' in header)) return undefined;
  const params = header.params as Record<string, unknown>;
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

function attachmentName(attachment: ParsedMail['attachments'][number], index: number): string {
  return (
    attachment.filename ?? `attachment-${index + 1}${EXTENSIONS[attachment.contentType] ?? ''}`
  );
}

/**
 * The browser and JSON side. It shows personal data, so it answers loopback clients that name it
 * by a loopback host only, and it treats every captured header and body as hostile markup.
 */
export function createHttpApp(
  store: MailStore,
  logger: Logger,
  options: HttpOptions,
): FastifyInstance {
  // No request logging from fastify: URLs carry addresses (?to=...); the hook below logs routes.
  const app = fastify({ logger: false, bodyLimit: 64 * 1024 });
  const hosts = allowedHosts(options.httpPort);

  // The delete-all form posts an empty urlencoded body; nothing in it is read.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null, {}),
  );

  app.addHook('onRequest', async (request, reply) => {
    const reason = refusal(
      {
        method: request.method,
        remoteAddress: request.socket.remoteAddress,
        host: request.headers.host,
        origin: request.headers.origin,
      },
      hosts,
    );
    if (reason) return reply.code(403).type('text/plain; charset=utf-8').send(`${reason}\n`);
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', PAGE_CSP);
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    logger.debug(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'http request',
    );
  });

  const problem = (reply: FastifyReply, status: number, text: string): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(renderProblem(status, text));
  // The JSON side answers in the hub's error shape, pages with a page.
  const failure = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message: string,
  ): FastifyReply =>
    request.url.startsWith('/api/')
      ? reply.code(status).send({ statusCode: status, error: STATUS_CODES[status], message })
      : problem(reply, status, message);

  app.setNotFoundHandler((request, reply) => failure(request, reply, 404, 'Not found.'));
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return failure(request, reply, error.statusCode, error.message);
    }
    logger.error({ err: error }, 'http request failed');
    return failure(request, reply, 500, 'Something went wrong.');
  });

  const parsed = async (
    request: FastifyRequest<{ Params: IdParams }>,
  ): Promise<{ message: CapturedMessage; mail: ParsedMail } | undefined> => {
    const message = store.get(request.params.id);
    const raw = message && (await store.readRaw(message.id));
    if (!message || !raw) return undefined;
    return { message, mail: await simpleParser(raw, { skipTextToHtml: true }) };
  };

  app.get<{ Querystring: { page?: number } }>(
    '/',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { page: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
        },
      },
    },
    async (request, reply) => {
      const all = store.list();
      const pageCount = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
      const page = Math.min(request.query.page ?? 1, pageCount);
      const html = renderList({
        messages: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
        total: all.length,
        page,
        pageCount,
        smtpPort: options.smtpPort,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  // A form cannot send DELETE; it must come from a page of this origin (checked again here,
  // because a form post without an Origin header passes the general check above).
  app.post('/messages/delete', async (request, reply) => {
    const sameOrigin =
      request.headers.origin === `http://${request.headers.host}` ||
      (request.headers.origin === undefined && request.headers['sec-fetch-site'] === 'same-origin');
    if (!sameOrigin) return problem(reply, 403, 'Deleting needs a request from this page.');
    const deleted = await store.deleteAll();
    logger.info({ deleted }, 'captured mail deleted');
    return reply.code(303).header('location', '/').send();
  });

  app.get<{ Params: IdParams }>('/messages/:id', async (request, reply) => {
    const found = await parsed(request);
    if (!found) return problem(reply, 404, 'No such message.');
    const { message, mail } = found;
    const headers: Array<[string, string | undefined]> = [
      ['From', addressText(mail.from)],
      ['To', addressText(mail.to)],
      ['Cc', addressText(mail.cc)],
      ['Reply-To', addressText(mail.replyTo)],
      ['Date', mail.date?.toUTCString()],
      ['Message-ID', mail.messageId],
    ];
    const html = renderMessage({
      message,
      headers: headers.filter((h): h is [string, string] => h[1] !== undefined && h[1] !== ''),
      rawHeaderLines: mail.headerLines.map((h) => h.line),
      text: mail.text,
      hasHtml: typeof mail.html === 'string' && mail.html !== '',
      attachments: mail.attachments.map((a, index) => ({
        name: attachmentName(a, index),
        contentType: a.contentType,
        size: a.size,
        inline: a.related === true,
      })),
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get<{ Params: IdParams }>('/messages/:id/html', async (request, reply) => {
    const found = await parsed(request);
    if (!found || typeof found.mail.html !== 'string') {
      return problem(reply, 404, 'No HTML part.');
    }
    return reply
      .header('content-security-policy', MESSAGE_HTML_CSP)
      .type('text/html; charset=utf-8')
      .send(found.mail.html);
  });

  app.get<{ Params: IdParams }>('/messages/:id/raw', async (request, reply) => {
    const message = store.get(request.params.id);
    const raw = message && (await store.readRaw(message.id));
    if (!message || !raw) return problem(reply, 404, 'No such message.');
    return reply
      .type('message/rfc822')
      .header('content-disposition', `attachment; filename="${message.id}.eml"`)
      .send(raw);
  });

  app.get<{ Params: IdParams & { index: string } }>(
    '/messages/:id/attachments/:index',
    async (request, reply) => {
      const found = ATTACHMENT_INDEX.test(request.params.index) ? await parsed(request) : undefined;
      const index = Number(request.params.index);
      const attachment = found?.mail.attachments[index];
      if (!attachment) return problem(reply, 404, 'No such attachment.');
      return reply
        .type(
          safeContentType(
            attachment.contentType,
            paramOf(attachment.headers.get('content-type'), 'charset'),
          ),
        )
        .header(
          'content-disposition',
          attachmentDisposition(attachment.filename, attachmentName(attachment, index)),
        )
        .send(attachment.content);
    },
  );

  app.get<{ Querystring: { to?: string } }>(
    '/api/messages',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { to: { type: 'string', maxLength: 320 } },
        },
      },
    },
    (request) =>
      store.list({ to: request.query.to }).map((m) => ({
        id: m.id,
        receivedAt: m.receivedAt.toISOString(),
        from: m.from,
        to: m.to,
        subject: m.subject,
        messageId: m.messageId,
        size: m.size,
      })),
  );

  app.get('/api/messages/count', () => ({ count: store.count }));

  app.delete('/api/messages', async () => {
    const deleted = await store.deleteAll();
    logger.info({ deleted }, 'captured mail deleted');
    return { deleted };
  });

  return app;
}
