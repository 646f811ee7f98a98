import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventOrganiser } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import { GrantRoleDto } from './dto/grant-role.dto.js';
import { RolesService } from './roles.service.js';

@ApiTags('roles')
@Controller('events/:slug')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get('roles')
  @EventOrganiser()
  list(@Param() { slug }: SlugParamDto) {
    return this.roles.list(slug);
  }

  @Post('roles')
  @EventOrganiser()
  async grant(
    @Param() { slug }: SlugParamDto,
    @Body() body: GrantRoleDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const role = await this.roles.grant(principal.accountId, slug, body.email, body.role);
    return { id: role.id, accountId: role.accountId, role: role.role };
  }

  @Delete('roles/:roleId')
  @EventOrganiser()
  @HttpCode(204)
  async revoke(
    @Param('slug') slug: string,
    @Param('roleId', new ParseUUIDPipe()) roleId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.roles.revoke(principal.accountId, slug, roleId);
  }

  @Get('audit-log')
  @EventOrganiser()
  audit(@Param() { slug }: SlugParamDto) {
    return this.roles.auditLog(slug);
  }
}
