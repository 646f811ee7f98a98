import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AnyOrganiser } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { SpeakerParamDto } from './dto/params.dto.js';
import { CreateSpeakerDto, SpeakerAdminDto, UpdateSpeakerDto } from './dto/speaker.dto.js';
import { SpeakersService } from './speakers.service.js';

/** People on the programme, across events, with their private contact and availability. */
@ApiTags('programme (organisers)')
@Controller('speakers')
@AnyOrganiser()
export class SpeakersController {
  constructor(private readonly speakers: SpeakersService) {}

  @Get()
  @ApiOkResponse({ type: [SpeakerAdminDto] })
  list(): Promise<SpeakerAdminDto[]> {
    return this.speakers.list();
  }

  @Post()
  @ApiCreatedResponse({ type: SpeakerAdminDto })
  @ApiBadRequestResponse()
  create(
    @Body() body: CreateSpeakerDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SpeakerAdminDto> {
    return this.speakers.create(principal.accountId, body);
  }

  @Patch(':speakerId')
  @ApiOkResponse({ type: SpeakerAdminDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  update(
    @Param() { speakerId }: SpeakerParamDto,
    @Body() body: UpdateSpeakerDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SpeakerAdminDto> {
    return this.speakers.update(principal.accountId, speakerId, body);
  }
}
