import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.js';
import { OptionalPrincipal, type Principal } from '../auth/principal.js';
import { SessionDto } from '../sessions/dto/session-response.dto.js';
import { ListSessionsQueryDto } from '../sessions/dto/list-sessions.query.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { EventDetailDto, EventSummaryDto } from './dto/event-response.dto.js';
import { EventsService } from './events.service.js';
import { SlugParamDto } from './dto/slug.param.js';

@ApiTags('events')
@Controller('events')
@Public()
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [EventSummaryDto] })
  list(): Promise<EventSummaryDto[]> {
    return this.events.list();
  }

  @Get(':slug')
  @ApiOkResponse({ type: EventDetailDto })
  @ApiNotFoundResponse()
  detail(
    @Param() { slug }: SlugParamDto,
    @OptionalPrincipal() viewer: Principal | null,
  ): Promise<EventDetailDto> {
    return this.events.detail(slug, viewer?.accountId ?? null);
  }

  @Get(':slug/sessions')
  @ApiOkResponse({ type: [SessionDto] })
  @ApiNotFoundResponse()
  sessionsOf(
    @Param() { slug }: SlugParamDto,
    @Query() query: ListSessionsQueryDto,
  ): Promise<SessionDto[]> {
    return this.sessions.listForEvent(slug, query);
  }
}
