import type {
  PublishedReleaseView,
  ReleasePreview,
  ReleaseSummaryView,
  ReleaseView,
} from '@app/contracts';
import { Body, Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EventOrganiser, Public } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import { PublishReleaseDto } from './dto/publish-release.dto.js';
import { ReleaseParamsDto } from './dto/release-params.dto.js';
import { releaseFeed } from './release-feed.js';
import { ScheduleService } from './schedule.service.js';

/** Releases shown in the feed; the changelog page reads the JSON list. */
const FEED_RELEASES = 50;

@ApiTags('schedule')
@Controller('events/:slug/schedule')
export class ScheduleController {
  constructor(private readonly schedule: ScheduleService) {}

  @Get('preview')
  @EventOrganiser()
  preview(@Param() { slug }: SlugParamDto): Promise<ReleasePreview> {
    return this.schedule.preview(slug);
  }

  @Post('releases')
  @EventOrganiser()
  @ApiConflictResponse({ description: 'Hard conflicts without an override reason, or no change' })
  publish(
    @Param() { slug }: SlugParamDto,
    @Body() body: PublishReleaseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PublishedReleaseView> {
    return this.schedule.publish(slug, principal.accountId, body);
  }

  @Get('releases')
  @Public()
  list(@Param() { slug }: SlugParamDto): Promise<ReleaseSummaryView[]> {
    return this.schedule.list(slug);
  }

  @Get('releases.atom')
  @Public()
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'Atom feed of the releases' })
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  async feed(@Param() { slug }: SlugParamDto): Promise<string> {
    const { event, releases } = await this.schedule.changelog(slug, FEED_RELEASES);
    return releaseFeed(event, releases, this.schedule.publicBaseUrl);
  }

  @Get('releases/:number')
  @Public()
  one(@Param() { slug, number }: ReleaseParamsDto): Promise<ReleaseView> {
    return this.schedule.one(slug, number);
  }
}
