import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.js';
import { OptionalPrincipal, type Principal } from '../auth/principal.js';
import { SessionDetailDto } from './dto/session-response.dto.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@Controller('sessions')
@Public()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get(':id')
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiNotFoundResponse()
  detail(
    @Param('id', new ParseUUIDPipe()) id: string,
    @OptionalPrincipal() viewer: Principal | null,
  ): Promise<SessionDetailDto> {
    return this.sessions.detail(id, viewer?.accountId ?? null);
  }
}
