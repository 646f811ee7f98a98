import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { EventOrganiser, Public } from '../auth/access.js';
import { CurrentPrincipal, type Principal, type RequestWithPrincipal } from '../auth/principal.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import { ImportCsvDto, InviteDto } from './dto/invite.dto.js';
import {
  InvitationImportResultDto,
  InvitationListDto,
  InvitationPublicDto,
  RemindersSentDto,
} from './dto/invitation-response.dto.js';
import { InvitationAnswerDto, InvitationTokenDto } from './dto/invitation-token.dto.js';
import { InvitationsService } from './invitations.service.js';

const ENDED = { description: 'The event is over' };

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('events/:slug/invitations')
  @EventOrganiser()
  @ApiOperation({ summary: 'Invite people by name and address, or by account' })
  @ApiCreatedResponse({ type: InvitationImportResultDto })
  @ApiConflictResponse(ENDED)
  invite(
    @Param() { slug }: SlugParamDto,
    @Body() body: InviteDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: RequestWithPrincipal,
  ): Promise<InvitationImportResultDto> {
    return this.invitations.inviteList(principal.accountId, slug, body.invitees, request.id);
  }

  @Post('events/:slug/invitations/csv')
  @EventOrganiser()
  @ApiOperation({ summary: 'Invite the people of a CSV file (name,email,city,role)' })
  @ApiCreatedResponse({ type: InvitationImportResultDto })
  @ApiConflictResponse(ENDED)
  importCsv(
    @Param() { slug }: SlugParamDto,
    @Body() body: ImportCsvDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: RequestWithPrincipal,
  ): Promise<InvitationImportResultDto> {
    return this.invitations.inviteCsv(principal.accountId, slug, body.csv, request.id);
  }

  @Get('events/:slug/invitations')
  @EventOrganiser()
  @ApiOperation({ summary: 'Who accepted, declined or has not answered' })
  @ApiOkResponse({ type: InvitationListDto })
  list(@Param() { slug }: SlugParamDto): Promise<InvitationListDto> {
    return this.invitations.list(slug);
  }

  @Post('events/:slug/invitations/reminders')
  @EventOrganiser()
  @HttpCode(200)
  @ApiOperation({ summary: 'Remind everyone who has not answered (once a day at most each)' })
  @ApiOkResponse({ type: RemindersSentDto })
  @ApiConflictResponse(ENDED)
  remind(
    @Param() { slug }: SlugParamDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: RequestWithPrincipal,
  ): Promise<RemindersSentDto> {
    return this.invitations.remind(principal.accountId, slug, request.id);
  }

  @Post('invitations/lookup')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'The invitation of an answer link (no password: the token is the key)' })
  @ApiOkResponse({ type: InvitationPublicDto })
  @ApiNotFoundResponse({ description: 'No invitation has this token' })
  @ApiTooManyRequestsResponse()
  lookup(
    @Body() body: InvitationTokenDto,
    @Req() request: RequestWithPrincipal,
  ): Promise<InvitationPublicDto> {
    return this.invitations.lookup(body.token, request.ip);
  }

  @Post('invitations/respond')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept or decline; the answer can change until the event is over' })
  @ApiOkResponse({ type: InvitationPublicDto })
  @ApiNotFoundResponse({ description: 'No invitation has this token' })
  @ApiConflictResponse(ENDED)
  @ApiTooManyRequestsResponse()
  respond(
    @Body() body: InvitationAnswerDto,
    @Req() request: RequestWithPrincipal,
  ): Promise<InvitationPublicDto> {
    return this.invitations.respond(body.token, body.answer, request.ip);
  }
}
