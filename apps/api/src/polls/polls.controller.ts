import { Controller, Get, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '../auth/access.js';
import type { RequestWithPrincipal } from '../auth/principal.js';
import { MyPollViewDto } from './dto/poll.dto.js';
import { PollsService } from './polls.service.js';

/** The polls of a session's live room over REST, for late joiners. */
@ApiTags('polls')
@Controller('sessions/:id')
export class SessionPollsController {
  constructor(private readonly polls: PollsService) {}

  @Get('polls')
  @Public()
  @ApiOkResponse({
    type: [MyPollViewDto],
    description: 'Polls with their results, newest first, with what the caller chose',
  })
  @ApiUnauthorizedResponse({ description: 'The session is not public: sign in first' })
  @ApiNotFoundResponse({ description: 'No such session in the published programme' })
  list(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @Req() request: RequestWithPrincipal,
  ): Promise<MyPollViewDto[]> {
    return this.polls.list(sessionId, request.principal?.accountId ?? null);
  }
}
