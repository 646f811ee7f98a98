import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { RequestWithPrincipal } from './principal.js';
import { digest, RateLimiter } from './rate-limiter.service.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_SECONDS = 60;

interface ReplyWithHeaders {
  header(name: string, value: string): unknown;
}

/**
 * One budget over every write route of the api, on top of the stricter limits some routes keep
 * (sign-in, questions, chat, key learnings, invitations, calendar feeds). A guard registered after
 * the AccessGuard, so the caller is known (a guard, not an interceptor: one global interceptor puts
 * every request, reads included, through RxJS and cost a fifth of the api's throughput on light
 * routes): a signed-in person is counted by account, whatever address
 * they write from; anyone else by client address (`request.ip`, which follows X-Forwarded-For only
 * under TRUST_PROXY).
 *
 * Defaults (WRITE_LIMIT_PER_MINUTE, ANONYMOUS_WRITE_LIMIT_PER_MINUTE): 300 writes a minute per
 * person. By hand nobody comes near it (a moderator in a busy Q&A, an organiser clicking through
 * the editor: a few a second at most), but an organiser's script with an API token loading a day's
 * programme (sessions, their people, tracks: the programme-editor suite sends 160 in five seconds)
 * must fit in one window; a runaway loop or a stolen token sending thousands a minute does not.
 * Without a sign-in only sign-in, link verification and invitation answers are writable, and a
 * city office or an event venue may put hundreds of people behind one address, so the anonymous
 * budget is higher still (600 a minute per address): it must never be what stops a shared office.
 * There the routes' own per-address limits (sign-in mails, invitation answers) do the real
 * bounding; this one caps whatever they leave, such as link verification attempts.
 */
@Injectable()
export class WriteLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    // Reads pass without a promise: this guard runs for every request.
    if (!WRITE_METHODS.has(request.method)) return true;
    return this.withinBudget(context, request);
  }

  private async withinBudget(
    context: ExecutionContext,
    request: RequestWithPrincipal,
  ): Promise<boolean> {
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
      context
        .switchToHttp()
        .getResponse<ReplyWithHeaders>()
        .header('retry-after', String(hit.retryAfterSeconds));
      throw new HttpException(
        'Too many changes in a short time; try again in a minute',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }
}
