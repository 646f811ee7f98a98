import { APP_CONFIG, type AppConfig } from '@app/config';
import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, SignedIn } from './access.js';
import { AuthService, BROWSER_SESSION_DAYS } from './auth.service.js';
import { clearedSessionCookie, sessionCookie } from './cookies.js';
import {
  SessionOpenedDto,
  SignInAcceptedDto,
  SignInRequestDto,
  VerifySignInDto,
} from './dto/auth.dto.js';
import { CurrentPrincipal, type Principal, type RequestWithPrincipal } from './principal.js';

interface CookieReply {
  header(name: string, value: string): unknown;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Post('sign-in')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SignInAcceptedDto })
  async signIn(
    @Body() body: SignInRequestDto,
    @Req() request: RequestWithPrincipal,
  ): Promise<SignInAcceptedDto> {
    await this.auth.requestLink({
      email: body.email,
      locale: body.locale ?? 'en',
      ip: request.ip,
      requestId: request.id,
    });
    return { message: 'If this address can receive mail, a sign-in link is on its way.' };
  }

  @Post('verify')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionOpenedDto })
  async verify(
    @Body() body: VerifySignInDto,
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<SessionOpenedDto> {
    const client = body.client ?? 'browser';
    const { session, secret, account } = await this.auth.verify(
      body.token,
      client,
      body.locale ?? 'en',
    );
    if (client === 'api')
      return { accountId: account.id, csrfToken: session.csrfToken, token: secret };
    reply.header(
      'set-cookie',
      sessionCookie(secret, BROWSER_SESSION_DAYS * 86_400, this.secureCookies),
    );
    return { accountId: account.id, csrfToken: session.csrfToken };
  }

  @Post('sign-out')
  @SignedIn()
  @HttpCode(204)
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<void> {
    await this.auth.revoke(principal.accountId, principal.sessionId);
    reply.header('set-cookie', clearedSessionCookie(this.secureCookies));
  }
}
