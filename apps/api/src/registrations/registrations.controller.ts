import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SignedIn } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import {
  MyRegistrationDto,
  RegistrationResultDto,
  RegistrationViewDto,
} from './dto/registration-response.dto.js';
import { RegistrationsService } from './registrations.service.js';

interface StatusReply {
  status(code: number): unknown;
}

/**
 * The caller's own registration for a session. There is no registration id in any path: the
 * signed-in account is the only key, so nobody can reach someone else's by changing a number.
 */
@ApiTags('registrations')
@Controller('sessions/:id/registration')
@SignedIn()
export class SessionRegistrationController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post()
  @ApiCreatedResponse({ type: RegistrationResultDto, description: 'Confirmed or waitlisted' })
  @ApiOkResponse({ type: RegistrationResultDto, description: 'Registered already: unchanged' })
  @ApiForbiddenResponse({ description: 'Not for this audience (details: the refusal code)' })
  @ApiConflictResponse({ description: 'Cancelled, window closed or city quota reached' })
  @ApiNotFoundResponse({ description: 'No such session in the published programme' })
  async register(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<RegistrationResultDto> {
    const { result, created } = await this.registrations.register(principal.account, sessionId);
    if (!created) reply.status(HttpStatus.OK);
    return result;
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Cancelled (or was already); a freed seat is passed on' })
  @ApiNotFoundResponse({ description: 'Never registered for this session' })
  @ApiConflictResponse({ description: 'The session is over' })
  async cancel(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.registrations.cancel(principal.accountId, sessionId);
  }

  @Get()
  @ApiOkResponse({ type: RegistrationViewDto })
  @ApiNotFoundResponse({ description: 'Never registered for this session' })
  mine(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RegistrationViewDto> {
    return this.registrations.mine(principal.accountId, sessionId);
  }
}

@ApiTags('registrations')
@Controller('me/registrations')
@SignedIn()
export class MyRegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get()
  @ApiOkResponse({ type: [MyRegistrationDto], description: 'Confirmed and waiting, by time' })
  list(@CurrentPrincipal() principal: Principal): Promise<MyRegistrationDto[]> {
    return this.registrations.allMine(principal.accountId);
  }
}
