import { type ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, DomainErrorCode } from './domain.error.js';
import { HttpErrorFilter } from './http-error.filter.js';

interface Sent {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function capture(exception: unknown): Omit<Sent, 'headers'> {
  const { status, body } = answer(exception);
  return { status, body };
}

function answer(exception: unknown): Sent {
  const sent: Sent = { status: 0, body: undefined, headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return sent;
}

describe('HttpErrorFilter', () => {
  it('maps domain errors to their status', () => {
    expect(capture(DomainError.notFound('Event "x"'))).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Event "x" not found' },
    });
    expect(capture(new DomainError(DomainErrorCode.Conflict, 'Session is full')).status).toBe(409);
    expect(capture(new DomainError(DomainErrorCode.Forbidden, 'No')).status).toBe(403);
  });

  it('turns validation messages into details', () => {
    expect(capture(new BadRequestException(['a must be a string', 'b should not exist']))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: ['a must be a string', 'b should not exist'],
      },
    });
    expect(capture(new NotFoundException('gone')).body).toMatchObject({ message: 'gone' });
  });

  it('keeps client errors raised by the platform (bad JSON, too large) as 4xx', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(capture(tooLarge)).toMatchObject({ status: 413, body: { error: 'Payload Too Large' } });
  });

  it('sends the error as JSON even from a route that declared another content type', () => {
    // A route with @Header('content-type', 'application/atom+xml') that throws "not found".
    expect(answer(DomainError.notFound('Event "x"')).headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
    });
  });

  it('hides anything unexpected behind a 500 without details', () => {
    const result = capture(new Error('SELECT secret FROM users failed at /srv/app.js:12'));
    expect(result).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
    });
  });
});
