import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { EventOrganiser, Public, Rapporteur, SignedIn } from '../auth/access.js';
import { CurrentPrincipal, OptionalPrincipal, type Principal } from '../auth/principal.js';
import { ifNoneMatchHits } from '../calendars/conditional-get.js';
import {
  DayParamsDto,
  DownloadQueryDto,
  KeyLearningDraftDto,
  KeyLearningPublicDto,
  KeyLearningVersionDto,
  PreviewDto,
  PreviewViewDto,
  PublishDto,
  SaveDraftDto,
} from './dto/key-learnings.dto.js';
import { downloadResponse } from './download-response.js';
import { KeyLearningsService } from './key-learnings.service.js';

interface Reply {
  header(name: string, value: string): unknown;
  status(code: number): unknown;
}

/** A session's key learnings: the page, and the rapporteur's editor. */
@ApiTags('key-learnings')
@Controller('sessions/:sessionId/key-learnings')
export class SessionKeyLearningsController {
  constructor(private readonly keyLearnings: KeyLearningsService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: KeyLearningPublicDto })
  @ApiUnauthorizedResponse({ description: 'A restricted session, and nobody signed in' })
  @ApiForbiddenResponse({ description: 'A restricted session the caller is not part of' })
  @ApiNotFoundResponse({ description: 'No such released session' })
  page(
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @OptionalPrincipal() viewer: Principal | null,
  ): Promise<KeyLearningPublicDto> {
    return this.keyLearnings.sessionPage(viewer, sessionId);
  }

  @Get('draft')
  @Rapporteur('sessionId')
  @ApiOkResponse({ type: KeyLearningDraftDto })
  @ApiForbiddenResponse({ description: 'Not a rapporteur or organiser of the session’s event' })
  draft(@Param('sessionId', new ParseUUIDPipe()) sessionId: string): Promise<KeyLearningDraftDto> {
    return this.keyLearnings.sessionDraft(sessionId);
  }

  @Put('draft')
  @Rapporteur('sessionId')
  @ApiOkResponse({ type: KeyLearningDraftDto })
  @ApiConflictResponse({ description: 'Someone saved a newer revision meanwhile' })
  save(
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @Body() body: SaveDraftDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KeyLearningDraftDto> {
    return this.keyLearnings.saveSession(principal, sessionId, body);
  }

  @Post('digest')
  @HttpCode(HttpStatus.OK)
  @Rapporteur('sessionId')
  @ApiOkResponse({ type: KeyLearningDraftDto, description: 'Compiled now, saved as a revision' })
  recompile(
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KeyLearningDraftDto> {
    return this.keyLearnings.recompile(principal, sessionId);
  }

  @Post('versions')
  @Rapporteur('sessionId')
  @ApiCreatedResponse({ type: KeyLearningVersionDto, description: 'Rendered by the worker next' })
  @ApiConflictResponse({ description: 'Not the newest revision, or published already' })
  publish(
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @Body() body: PublishDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KeyLearningVersionDto> {
    return this.keyLearnings.publishSession(principal, sessionId, body.revision);
  }
}

/** A day's key learnings: the organisers' summary gathering the day's sessions. */
@ApiTags('key-learnings')
@Controller('events/:slug/days/:date/key-learnings')
export class DayKeyLearningsController {
  constructor(private readonly keyLearnings: KeyLearningsService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: KeyLearningPublicDto })
  @ApiNotFoundResponse({ description: 'No such day, or its event has no published programme' })
  page(@Param() params: DayParamsDto): Promise<KeyLearningPublicDto> {
    return this.keyLearnings.dayPage(params.slug, params.date);
  }

  @Get('draft')
  @EventOrganiser('slug')
  @ApiOkResponse({ type: KeyLearningDraftDto })
  draft(@Param() params: DayParamsDto): Promise<KeyLearningDraftDto> {
    return this.keyLearnings.dayDraft(params.slug, params.date);
  }

  @Put('draft')
  @EventOrganiser('slug')
  @ApiOkResponse({ type: KeyLearningDraftDto })
  @ApiConflictResponse({ description: 'Someone saved a newer revision meanwhile' })
  save(
    @Param() params: DayParamsDto,
    @Body() body: SaveDraftDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KeyLearningDraftDto> {
    return this.keyLearnings.saveDay(principal, params.slug, params.date, body);
  }

  @Post('versions')
  @EventOrganiser('slug')
  @ApiCreatedResponse({ type: KeyLearningVersionDto })
  @ApiConflictResponse({ description: 'Not the newest revision, or published already' })
  publish(
    @Param() params: DayParamsDto,
    @Body() body: PublishDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KeyLearningVersionDto> {
    return this.keyLearnings.publishDay(principal, params.slug, params.date, body.revision);
  }
}

/** Rendered files by id, and the editor's preview. */
@ApiTags('key-learnings')
@Controller('key-learnings')
export class KeyLearningFilesController {
  constructor(private readonly keyLearnings: KeyLearningsService) {}

  @Get('files/:fileId')
  @Public()
  @ApiProduces('application/pdf', 'text/markdown', 'text/html')
  @ApiOkResponse({ description: 'The file; immutable (a new version is a new file)' })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'If-None-Match names this file' })
  @ApiUnauthorizedResponse({ description: 'A restricted session’s file, and nobody signed in' })
  @ApiForbiddenResponse({ description: 'A restricted session’s file the caller may not read' })
  @ApiNotFoundResponse({ description: 'No such file' })
  async file(
    @Param('fileId', new ParseUUIDPipe()) fileId: string,
    @Query() query: DownloadQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @OptionalPrincipal() viewer: Principal | null,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<Buffer | undefined> {
    const file = await this.keyLearnings.file(viewer, fileId);
    const response = downloadResponse(file, query.download === '1');
    for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
    if (ifNoneMatchHits(ifNoneMatch, response.etag)) {
      reply.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return file.body;
  }

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @SignedIn()
  @ApiOkResponse({ type: PreviewViewDto })
  preview(
    @Body() body: PreviewDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PreviewViewDto> {
    return this.keyLearnings.preview(principal, body.markdown);
  }
}
