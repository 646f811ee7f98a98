import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { EventOrganiser, ProgrammeOrganiser } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { EventDetailDto } from '../events/dto/event-response.dto.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import { CreateEventDto, UpdateEventDto } from './dto/event.dto.js';
import { EventAdminService } from './event-admin.service.js';

@ApiTags('programme (organisers)')
@Controller('events')
export class EventAdminController {
  constructor(private readonly events: EventAdminService) {}

  @Post()
  @ProgrammeOrganiser()
  @ApiCreatedResponse({ type: EventDetailDto })
  @ApiBadRequestResponse()
  @ApiConflictResponse({ description: 'The slug is taken' })
  create(
    @Body() body: CreateEventDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventDetailDto> {
    return this.events.create(principal.accountId, body);
  }

  @Patch(':slug')
  @EventOrganiser()
  @ApiOkResponse({ type: EventDetailDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Days would fall outside the new dates' })
  update(
    @Param() { slug }: SlugParamDto,
    @Body() body: UpdateEventDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventDetailDto> {
    return this.events.update(principal.accountId, slug, body);
  }
}
