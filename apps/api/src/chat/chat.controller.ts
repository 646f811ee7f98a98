import { Controller, Get, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '../auth/access.js';
import type { RequestWithPrincipal } from '../auth/principal.js';
import { ChatService } from './chat.service.js';
import { ChatMessageViewDto } from './dto/chat.dto.js';

/** The chat of a session's live room over REST: its history, for late joiners. */
@ApiTags('chat')
@Controller('sessions/:id')
export class SessionChatController {
  constructor(private readonly chat: ChatService) {}

  @Get('chat')
  @Public()
  @ApiOkResponse({
    type: [ChatMessageViewDto],
    description: 'The last messages, oldest first; none while the chat is off',
  })
  @ApiUnauthorizedResponse({ description: 'The session is not public: sign in first' })
  @ApiNotFoundResponse({ description: 'No such session in the published programme' })
  history(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @Req() request: RequestWithPrincipal,
  ): Promise<ChatMessageViewDto[]> {
    return this.chat.history(sessionId, request.principal?.accountId ?? null);
  }
}
