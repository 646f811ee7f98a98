import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';

/** The caller's account, read with the session: who they are for mails and audience checks. */
export interface PrincipalAccount {
  id: string;
  email: string | null;
  name: string;
  locale: string;
  timeZone: string;
  cityId: string | null;
}

export interface Principal {
  accountId: string;
  account: PrincipalAccount;
  sessionId: string;
  via: 'cookie' | 'bearer';
  csrfToken: string;
}

export interface RequestWithPrincipal {
  principal?: Principal | null;
  headers: Record<string, string | string[] | undefined>;
  method: string;
  params: Record<string, string | undefined>;
  ip: string;
  id: string;
}

/** The signed-in caller; only on routes whose rule requires one. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new UnauthorizedException('Sign in first');
  return principal;
});

/** The caller on a public route: null for anonymous visitors. */
export const OptionalPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | null =>
    ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? null,
);
