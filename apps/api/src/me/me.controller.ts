import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../auth/access.js';
import { AuthService } from '../auth/auth.service.js';
import { CreateApiTokenDto } from '../auth/dto/auth.dto.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain.error.js';
import { UpdateProfileDto } from './dto/me.dto.js';
import { MeService } from './me.service.js';

/** Everything under /api/me concerns the caller only: there is no id of someone else to change. */
@ApiTags('me')
@Controller('me')
@SignedIn()
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  async view(@CurrentPrincipal() principal: Principal) {
    return { ...(await this.me.view(principal.accountId)), csrfToken: principal.csrfToken };
  }

  @Patch()
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateProfileDto) {
    return this.me.update(principal.accountId, body);
  }

  @Get('tokens')
  async tokens(@CurrentPrincipal() principal: Principal) {
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
  async createToken(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiTokenDto) {
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
