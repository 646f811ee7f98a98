import type { ApiTokenView, CreatedApiToken } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../auth/access.js';
import { AuthService } from '../auth/auth.service.js';
import { CreateApiTokenDto } from '../auth/dto/auth.dto.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain.error.js';
import { clearedSessionCookie } from '../auth/cookies.js';
import { ConsentPurposeParamDto, GrantConsentDto, UpdateProfileDto } from './dto/me.dto.js';
import { MeService } from './me.service.js';
import { PrivacyService } from './privacy.service.js';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** Everything under /api/me concerns the caller only: there is no id of someone else to change. */
@ApiTags('me')
@Controller('me')
@SignedIn()
export class MeController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly me: MeService,
    private readonly auth: AuthService,
    private readonly privacy: PrivacyService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Get()
  async view(@CurrentPrincipal() principal: Principal) {
    return { ...(await this.me.view(principal.accountId)), csrfToken: principal.csrfToken };
  }

  @Patch()
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateProfileDto) {
    return this.me.update(principal.accountId, body);
  }

  /** Everything held about me, as a JSON file. */
  @Get('export')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    reply.header('content-disposition', 'attachment; filename="icc-hub-my-data.json"');
    reply.header('cache-control', 'no-store');
    return this.privacy.export(principal.accountId);
  }

  /** Erases my personal data and signs me out everywhere. */
  @Delete()
  @HttpCode(204)
  async erase(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    await this.privacy.erase(principal.accountId);
    reply.header('set-cookie', clearedSessionCookie(this.secureCookies));
  }

  @Get('consents')
  consents(@CurrentPrincipal() principal: Principal) {
    return this.privacy.listConsents(principal.accountId);
  }

  @Post('consents')
  @HttpCode(200)
  grantConsent(@CurrentPrincipal() principal: Principal, @Body() body: GrantConsentDto) {
    return this.privacy.grant(principal.accountId, body.purpose, body.wordingVersion);
  }

  @Delete('consents/:purpose')
  withdrawConsent(
    @CurrentPrincipal() principal: Principal,
    @Param() { purpose }: ConsentPurposeParamDto,
  ) {
    return this.privacy.withdraw(principal.accountId, purpose);
  }

  @Get('tokens')
  async tokens(@CurrentPrincipal() principal: Principal): Promise<ApiTokenView[]> {
    const tokens = await this.auth.listApiTokens(principal.accountId);
    return tokens.map((t) => ({
      id: t.id,
      label: t.label,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      expiresAt: t.expiresAt.toISOString(),
    }));
  }

  @Post('tokens')
  async createToken(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiToken> {
    const { session, secret } = await this.auth.issue(principal.accountId, 'api', body.label);
    return {
      id: session.id,
      label: session.label,
      token: secret,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  async revokeToken(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    if (!(await this.auth.revoke(principal.accountId, id))) throw DomainError.notFound('Token');
  }
}
