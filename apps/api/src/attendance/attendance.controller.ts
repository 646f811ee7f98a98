import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Moderator } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { AttendanceService } from './attendance.service.js';
import { AttendanceViewDto } from './dto/attendance.dto.js';

interface Reply {
  header(name: string, value: string): unknown;
}

/** Who followed a session's live room, for the event's organisers and moderators. */
@ApiTags('attendance')
@Controller('sessions/:id')
export class SessionAttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('attendance')
  @Moderator('id', 'session')
  @ApiOkResponse({ type: AttendanceViewDto })
  @ApiForbiddenResponse({ description: 'Not an organiser or moderator of the session’s event' })
  @ApiNotFoundResponse({ description: 'No such session' })
  report(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AttendanceViewDto> {
    return this.attendance.report(principal.accountId, sessionId);
  }

  @Get('attendance.csv')
  @Moderator('id', 'session')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The people of the report, one per row' })
  @ApiForbiddenResponse({ description: 'Not an organiser or moderator of the session’s event' })
  @ApiNotFoundResponse({ description: 'No such session' })
  async csv(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<string> {
    const file = await this.attendance.csv(principal.accountId, sessionId);
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `attachment; filename="${file.filename}"`);
    // Names of people: no cache keeps a copy.
    reply.header('cache-control', 'no-store');
    return file.body;
  }
}
