import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { EventOrganiser } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import { DraftSessionsService } from './draft-sessions.service.js';
import {
  CreateDraftSessionDto,
  DraftSessionDto,
  DraftSessionResultDto,
  ScheduleConflictDto,
  UpdateDraftSessionDto,
} from './dto/draft-session.dto.js';
import { DraftSessionParamDto } from './dto/params.dto.js';

/** The private draft of an event's programme; the public sees it once a release is published. */
@ApiTags('programme (organisers)')
@Controller('events/:slug/draft')
@EventOrganiser()
@ApiNotFoundResponse()
export class DraftSessionsController {
  constructor(private readonly drafts: DraftSessionsService) {}

  @Get('sessions')
  @ApiOkResponse({ type: [DraftSessionDto] })
  list(@Param() { slug }: SlugParamDto): Promise<DraftSessionDto[]> {
    return this.drafts.list(slug);
  }

  @Post('sessions')
  @ApiCreatedResponse({ type: DraftSessionResultDto })
  @ApiBadRequestResponse({ description: 'Bad fields, or references that do not exist' })
  create(
    @Param() { slug }: SlugParamDto,
    @Body() body: CreateDraftSessionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DraftSessionResultDto> {
    return this.drafts.create(principal.accountId, slug, body);
  }

  @Patch('sessions/:sessionId')
  @ApiOkResponse({ type: DraftSessionResultDto })
  @ApiBadRequestResponse({ description: 'Bad fields, or references that do not exist' })
  update(
    @Param() { slug, sessionId }: DraftSessionParamDto,
    @Body() body: UpdateDraftSessionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DraftSessionResultDto> {
    return this.drafts.update(principal.accountId, slug, sessionId, body);
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'A published session is cancelled, never deleted' })
  async remove(
    @Param() { slug, sessionId }: DraftSessionParamDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.drafts.remove(principal.accountId, slug, sessionId);
  }

  @Get('conflicts')
  @ApiOkResponse({ type: [ScheduleConflictDto] })
  conflicts(@Param() { slug }: SlugParamDto): Promise<ScheduleConflictDto[]> {
    return this.drafts.conflictsOf(slug);
  }
}
