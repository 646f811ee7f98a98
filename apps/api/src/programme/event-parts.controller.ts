import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import { EventDayDto, StreamDto, TrackDto } from '../events/dto/event-response.dto.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import {
  CreateDayDto,
  CreateStreamDto,
  CreateTrackDto,
  UpdateDayDto,
  UpdateStreamDto,
  UpdateTrackDto,
} from './dto/event-parts.dto.js';
import { DayParamDto, StreamParamDto, TrackParamDto } from './dto/params.dto.js';
import { EventPartsService } from './event-parts.service.js';

/** Days, tracks and streams of an event; deleting one leaves its sessions without it. */
@ApiTags('programme (organisers)')
@Controller('events/:slug')
@EventOrganiser()
@ApiBadRequestResponse()
@ApiNotFoundResponse()
export class EventPartsController {
  constructor(private readonly parts: EventPartsService) {}

  @Post('days')
  @ApiCreatedResponse({ type: EventDayDto })
  @ApiConflictResponse({ description: 'The event has a day on that date' })
  createDay(
    @Param() { slug }: SlugParamDto,
    @Body() body: CreateDayDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventDayDto> {
    return this.parts.createDay(principal.accountId, slug, body);
  }

  @Patch('days/:dayId')
  @ApiOkResponse({ type: EventDayDto })
  @ApiConflictResponse({ description: 'The event has a day on that date' })
  updateDay(
    @Param() { slug, dayId }: DayParamDto,
    @Body() body: UpdateDayDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventDayDto> {
    return this.parts.updateDay(principal.accountId, slug, dayId, body);
  }

  @Delete('days/:dayId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async deleteDay(
    @Param() { slug, dayId }: DayParamDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.parts.remove(principal.accountId, slug, 'day', dayId);
  }

  @Post('tracks')
  @ApiCreatedResponse({ type: TrackDto })
  @ApiConflictResponse({ description: 'The event has a track with that slug' })
  createTrack(
    @Param() { slug }: SlugParamDto,
    @Body() body: CreateTrackDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TrackDto> {
    return this.parts.createTrack(principal.accountId, slug, body);
  }

  @Patch('tracks/:trackId')
  @ApiOkResponse({ type: TrackDto })
  @ApiConflictResponse({ description: 'The event has a track with that slug' })
  updateTrack(
    @Param() { slug, trackId }: TrackParamDto,
    @Body() body: UpdateTrackDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TrackDto> {
    return this.parts.updateTrack(principal.accountId, slug, trackId, body);
  }

  @Delete('tracks/:trackId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async deleteTrack(
    @Param() { slug, trackId }: TrackParamDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.parts.remove(principal.accountId, slug, 'track', trackId);
  }

  @Post('streams')
  @ApiCreatedResponse({ type: StreamDto })
  @ApiConflictResponse({ description: 'The event has a stream with that name' })
  createStream(
    @Param() { slug }: SlugParamDto,
    @Body() body: CreateStreamDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamDto> {
    return this.parts.createStream(principal.accountId, slug, body);
  }

  @Patch('streams/:streamId')
  @ApiOkResponse({ type: StreamDto })
  @ApiConflictResponse({ description: 'The event has a stream with that name' })
  updateStream(
    @Param() { slug, streamId }: StreamParamDto,
    @Body() body: UpdateStreamDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamDto> {
    return this.parts.updateStream(principal.accountId, slug, streamId, body);
  }

  @Delete('streams/:streamId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async deleteStream(
    @Param() { slug, streamId }: StreamParamDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.parts.remove(principal.accountId, slug, 'stream', streamId);
  }
}
