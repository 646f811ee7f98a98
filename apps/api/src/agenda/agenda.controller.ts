import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public, SignedIn } from '../auth/access.js';
import { CurrentPrincipal, type Principal, type RequestWithPrincipal } from '../auth/principal.js';
import { type CalendarReply, sendCalendar } from '../calendars/calendar-file.js';
import { AgendaService } from './agenda.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { CalendarFeedDto, MyAgendaDto } from './dto/agenda.dto.js';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

const STORED_ADDRESS_UNREADABLE = {
  description: 'The stored address cannot be shown (the server key changed): reset it',
};

/** My agenda and my feed. No id in any path: the signed-in account is the only key. */
@ApiTags('me')
@Controller('me')
@SignedIn()
export class MyAgendaController {
  constructor(
    private readonly agendas: AgendaService,
    private readonly feeds: CalendarFeedService,
  ) {}

  @Get('agenda')
  @ApiOkResponse({ type: MyAgendaDto })
  agenda(@CurrentPrincipal() principal: Principal): Promise<MyAgendaDto> {
    return this.agendas.agenda(principal.accountId);
  }

  @Get('calendar-feed')
  @ApiOkResponse({ type: CalendarFeedDto, description: 'Made on the first call' })
  @ApiConflictResponse(STORED_ADDRESS_UNREADABLE)
  feed(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CalendarFeedDto> {
    reply.header('cache-control', 'no-store');
    return this.feeds.mine(principal.accountId);
  }

  @Post('calendar-feed/reset')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CalendarFeedDto, description: 'A new address; the old one is dead' })
  resetFeed(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CalendarFeedDto> {
    reply.header('cache-control', 'no-store');
    return this.feeds.reset(principal.accountId);
  }
}

/**
 * Every poll revalidates (a 304 costs no rendering), so a reset address stops at once even in
 * a client that caches; nothing shared may keep a personal file.
 */
const CACHE_CONTROL = 'private, no-cache';

@ApiTags('calendars')
@Controller('calendar/feeds')
@Public()
export class PrivateCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':token.ics')
  @ApiParam({ name: 'token', description: 'The secret of the address; nothing else admits' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The sessions the owner has a seat in, as released' })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'If-None-Match names this file' })
  @ApiNotFoundResponse({ description: 'No feed has this address (never, or reset since)' })
  @ApiTooManyRequestsResponse()
  async feed(
    @Param('token') token: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() request: RequestWithPrincipal,
    @Res({ passthrough: true }) reply: CalendarReply,
  ): Promise<string | undefined> {
    const file = await this.feeds.file(token, request.ip);
    reply.header('x-robots-tag', 'noindex');
    return sendCalendar(reply, ifNoneMatch, file, CACHE_CONTROL);
  }
}
