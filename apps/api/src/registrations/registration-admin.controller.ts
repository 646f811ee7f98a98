import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EventOrganiser } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import {
  EventRegistrationCountsDto,
  SessionCapacityResultDto,
} from './dto/registration-response.dto.js';
import {
  UpdateRegistrationSettingsDto,
  UpdateSessionCapacityDto,
} from './dto/registration-settings.dto.js';
import { RegistrationAdminService } from './registration-admin.service.js';

@ApiTags('registrations')
@Controller('events/:slug')
@EventOrganiser()
export class RegistrationAdminController {
  constructor(private readonly admin: RegistrationAdminService) {}

  @Get('registrations/counts')
  @ApiOkResponse({ type: EventRegistrationCountsDto })
  @ApiNotFoundResponse()
  counts(@Param() { slug }: SlugParamDto): Promise<EventRegistrationCountsDto> {
    return this.admin.counts(slug);
  }

  @Patch('registrations/settings')
  @ApiOkResponse({ type: EventRegistrationCountsDto })
  @ApiNotFoundResponse()
  updateEvent(
    @Param() { slug }: SlugParamDto,
    @Body() body: UpdateRegistrationSettingsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventRegistrationCountsDto> {
    return this.admin.updateEvent(principal.accountId, slug, body);
  }

  @Patch('sessions/:sessionId/capacity')
  @ApiOkResponse({ type: SessionCapacityResultDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Capacity below the seats already confirmed' })
  updateSession(
    @Param('slug') slug: string,
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @Body() body: UpdateSessionCapacityDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionCapacityResultDto> {
    return this.admin.updateSession(principal.accountId, slug, sessionId, body);
  }
}
