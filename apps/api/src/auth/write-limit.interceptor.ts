import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { RequestWithPrincipal } from './principal.js';
import { digest, RateLimiter } from './rate-limiter.service.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_SECONDS = 60;

interface ReplyWithHeaders {
  header(name: string, value: string): unknown;
}

/**
 * One budget over every write route of the api, on top of the stricter limits some routes keep
 * (sign-in, questions, chat, key learnings, invitations, calendar feeds). It runs after the
 * AccessGuard, so the caller is known: a signed-in person is counted by account, whatever address
 * they write from; anyone else by client address (`request.ip`, which follows X-Forwarded-For only
 * under TRUST_PROXY).
 *
 * Defaults (WRITE_LIMIT_PER_MINUTE, ANONYMOUS_WRITE_LIMIT_PER_MINUTE): 120 writes a minute per
 * person is two a second kept up for a whole minute, more than an organiser editing the programme or
 * a moderator working a busy Q&A ever sends by hand, yet it caps a script or a stolen token.
 * Without a sign-in only sign-in, link verification and invitation answers are writable, and a city
 * office or an event venue may put a few hundred people behind one address: 300 a minute per
 * address lets a whole room sign in at once, while the routes' own limits bound mail sending.
 */
@Injectable()
export class WriteLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<RequestWithPrincipal>();
    if (!WRITE_METHODS.has(request.method)) return next.handle();
    const limits = this.config.writeLimits;
    const principal = request.principal;
    const hit = principal
      ? await this.limiter.hitPerson(
          'write',
          principal.accountId,
          limits.perPersonPerMinute,
          WINDOW_SECONDS,
        )
      : await this.limiter.hit(
          `write:ip:${digest(request.ip)}`,
          limits.anonymousPerAddressPerMinute,
          WINDOW_SECONDS,
        );
    if (!hit.allowed) {
      http.getResponse<ReplyWithHeaders>().header('retry-after', String(hit.retryAfterSeconds));
      throw new HttpException(
        'Too many changes in a short time; try again in a minute',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return next.handle();
  }
}
