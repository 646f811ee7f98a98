import type { ApiErrorBody } from '@app/contracts';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { DomainError, DomainErrorCode } from './domain.error.js';

const STATUS_OF: Record<DomainErrorCode, HttpStatus> = {
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.Unauthorized]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface ReplyLike {
  status(code: number): ReplyLike;
  header?(name: string, value: string): unknown;
  send?(body: unknown): void;
  json?(body: unknown): void;
}

/** Every error leaves as `{ statusCode, error, message, details? }`; never a stack trace. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? exception.message : 'unknown error',
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    // The error is JSON even where the route declared another type (an Atom feed, a calendar):
    // the platform refuses to send an object as `application/atom+xml`, which made a 404 a 500.
    reply.header?.('content-type', 'application/json; charset=utf-8');
    const answered = reply.status(body.statusCode);
    if (answered.send) answered.send(body);
    else answered.json?.(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_OF[exception.code];
      return this.body(statusCode, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'message' in response) {
        const message = response.message;
        if (Array.isArray(message)) {
          return this.body(statusCode, 'Validation failed', message.map(String));
        }
        return this.body(statusCode, String(message));
      }
      return this.body(statusCode, typeof response === 'string' ? response : exception.message);
    }
    // Fastify raises its own errors (bad JSON, body too large) with a statusCode.
    if (exception instanceof Error && 'statusCode' in exception) {
      const statusCode = Number((exception as { statusCode: unknown }).statusCode);
      if (statusCode >= 400 && statusCode < 500) return this.body(statusCode, exception.message);
    }
    return this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }

  private body(statusCode: number, message: string, details?: string[]): ApiErrorBody {
    return {
      statusCode,
      error: REASON[statusCode] ?? 'Error',
      message,
      ...(details ? { details } : {}),
    };
  }
}
