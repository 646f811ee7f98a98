import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RolesService } from '../roles/roles.service.js';
import { ACCESS_RULE, type AccessRule } from './access.js';
import { AuthService } from './auth.service.js';
import type { RequestWithPrincipal } from './principal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One guard for every route: resolves the caller, refuses routes without a rule, checks CSRF for
 * cookie-authenticated writes and the route's rule. Writes whose Origin is not on the allowlist
 * never get here: the http surface refuses them (web/cors.ts).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly roles: RolesService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('This route has no access rule');
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const unsafe = !SAFE_METHODS.has(request.method);
    const principal = await this.auth.resolve(request);
    request.principal = principal;
    if (rule.kind === 'public') return true;
    if (!principal) throw new UnauthorizedException('Sign in first');
    if (
      unsafe &&
      principal.via === 'cookie' &&
      request.headers['x-csrf-token'] !== principal.csrfToken
    ) {
      throw new ForbiddenException('Missing or wrong CSRF token');
    }
    switch (rule.kind) {
      case 'signed-in':
        return true;
      case 'programme-organiser':
        if (await this.roles.isProgrammeOrganiser(principal.accountId)) return true;
        break;
      case 'any-organiser':
        if (await this.roles.isAnyOrganiser(principal.accountId)) return true;
        break;
      case 'event-organiser': {
        const slug = request.params[rule.param];
        if (slug && (await this.roles.isEventOrganiser(principal.accountId, slug))) return true;
        break;
      }
      case 'moderator': {
        const id = request.params[rule.param];
        const allowed =
          id !== undefined &&
          (rule.of === 'session'
            ? await this.roles.moderatesSession(principal.accountId, id)
            : await this.roles.moderatesQuestion(principal.accountId, id));
        if (allowed) return true;
        throw new ForbiddenException('Moderators only');
      }
      case 'rapporteur': {
        const id = request.params[rule.param];
        if (id !== undefined && (await this.roles.writesKeyLearnings(principal.accountId, id))) {
          return true;
        }
        throw new ForbiddenException('Rapporteurs and organisers only');
      }
    }
    throw new ForbiddenException('Organisers only');
  }
}
