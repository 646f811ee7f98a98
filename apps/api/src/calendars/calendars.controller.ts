import { Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../auth/access.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import { type CalendarFile, type CalendarReply, sendCalendar } from './calendar-file.js';
import { CalendarsService } from './calendars.service.js';
import { DayCalendarParamsDto, TrackCalendarParamsDto } from './dto/calendar-params.dto.js';

/**
 * Shared caches may keep a file for five minutes; polling calendars that send If-None-Match get
 * a 304 that costs a few indexed reads and no rendering.
 */
const CACHE_CONTROL = 'public, max-age=300';

const send = (reply: CalendarReply, ifNoneMatch: string | undefined, file: CalendarFile) =>
  sendCalendar(reply, ifNoneMatch, file, CACHE_CONTROL);

const ICS = 'text/calendar';

@ApiTags('calendars')
@Controller()
@Public()
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get('events/:slug/calendar.ics')
  @ApiProduces(ICS)
  @ApiOkResponse({ description: 'The whole published programme; also the subscription feed' })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'If-None-Match names this file' })
  @ApiNotFoundResponse()
  async event(
    @Param() { slug }: SlugParamDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: CalendarReply,
  ): Promise<string | undefined> {
    return send(reply, ifNoneMatch, await this.calendars.forEvent(slug));
  }

  @Get('events/:slug/days/:date/calendar.ics')
  @ApiProduces(ICS)
  @ApiOkResponse({ description: 'The published sessions of one day of the event' })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'If-None-Match names this file' })
  @ApiNotFoundResponse()
  async day(
    @Param() { slug, date }: DayCalendarParamsDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: CalendarReply,
  ): Promise<string | undefined> {
    return send(reply, ifNoneMatch, await this.calendars.forDay(slug, date));
  }

  @Get('events/:slug/tracks/:trackSlug/calendar.ics')
  @ApiProduces(ICS)
  @ApiOkResponse({ description: 'The published sessions of one track of the event' })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'If-None-Match names this file' })
  @ApiNotFoundResponse()
  async track(
    @Param() { slug, trackSlug }: TrackCalendarParamsDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: CalendarReply,
  ): Promise<string | undefined> {
    return send(reply, ifNoneMatch, await this.calendars.forTrack(slug, trackSlug));
  }

  @Get('sessions/:id/calendar.ics')
  @ApiProduces(ICS)
  @ApiOkResponse({ description: 'One published session' })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'If-None-Match names this file' })
  @ApiNotFoundResponse()
  async session(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: CalendarReply,
  ): Promise<string | undefined> {
    return send(reply, ifNoneMatch, await this.calendars.forSession(id));
  }
}
