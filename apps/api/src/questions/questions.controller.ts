import {
  Body,
  Controller,
  Delete,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Moderator, Public, SignedIn } from '../auth/access.js';
import { CurrentPrincipal, type Principal, type RequestWithPrincipal } from '../auth/principal.js';
import {
  AskQuestionDto,
  ExportQuestionsQueryDto,
  ListQuestionsQueryDto,
  ModerateQuestionDto,
  ModeratorQuestionViewDto,
  QaSettingsDto,
  QaSettingsViewDto,
  QuestionListViewDto,
  QuestionViewDto,
  VoteResultDto,
} from './dto/question.dto.js';
import { moderationCommand } from './question-moderation.js';
import { QuestionsService } from './questions.service.js';

interface Reply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

/** The live Q&A of a session over REST: history for late joiners, asking, settings, export. */
@ApiTags('questions')
@ApiExtraModels(QuestionViewDto, ModeratorQuestionViewDto)
@Controller('sessions/:id')
export class SessionQuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Get('questions')
  @Public()
  @ApiOkResponse({
    type: QuestionListViewDto,
    description: 'Visible and answered questions; moderators get every one with its author',
  })
  @ApiNotFoundResponse({ description: 'No such session in the published programme' })
  list(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @Query() { sort }: ListQuestionsQueryDto,
    @Req() request: RequestWithPrincipal,
  ): Promise<QuestionListViewDto> {
    return this.questions.list(sessionId, { sort }, request.principal?.accountId ?? null);
  }

  @Post('questions')
  @SignedIn()
  @ApiCreatedResponse({
    type: QuestionViewDto,
    description: 'Asked (pending in a pre-approved Q&A)',
  })
  @ApiOkResponse({ type: QuestionViewDto, description: 'Asked before with this clientId' })
  @ApiConflictResponse({ description: 'The Q&A is closed' })
  @ApiTooManyRequestsResponse({ description: 'Too many questions in a minute' })
  @ApiNotFoundResponse({ description: 'No such session in the published programme' })
  async ask(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @Body() dto: AskQuestionDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<QuestionViewDto> {
    const { question, created } = await this.questions.ask(principal.accountId, sessionId, dto);
    if (!created) reply.status(HttpStatus.OK);
    return question;
  }

  @Patch('qa-settings')
  @Moderator('id', 'session')
  @ApiOkResponse({ type: QaSettingsViewDto })
  @ApiForbiddenResponse({ description: 'Not a moderator of this session' })
  settings(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @Body() dto: QaSettingsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<QaSettingsViewDto> {
    return this.questions.settings(principal.accountId, sessionId, dto);
  }

  @Get('questions/export')
  @Moderator('id', 'session')
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'Every question with state, author and edits (CSV or JSON)' })
  @ApiForbiddenResponse({ description: 'Not a moderator of this session' })
  async export(
    @Param('id', new ParseUUIDPipe()) sessionId: string,
    @Query() { format }: ExportQuestionsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<string> {
    const file = await this.questions.export(principal.accountId, sessionId, format ?? 'csv');
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `attachment; filename="${file.filename}"`);
    // Names of people who asked: no cache keeps a copy.
    reply.header('cache-control', 'no-store');
    return file.body;
  }
}

@ApiTags('questions')
@Controller('questions/:questionId')
export class QuestionController {
  constructor(private readonly questions: QuestionsService) {}

  @Post('vote')
  @SignedIn()
  @ApiCreatedResponse({ type: VoteResultDto, description: 'Voted (once, however often sent)' })
  @ApiConflictResponse({ description: 'The Q&A is closed' })
  @ApiNotFoundResponse({ description: 'No such question in the room' })
  vote(
    @Param('questionId', new ParseUUIDPipe()) questionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<VoteResultDto> {
    return this.questions.vote(principal.accountId, questionId);
  }

  @Delete('vote')
  @SignedIn()
  @ApiOkResponse({ type: VoteResultDto, description: 'Vote withdrawn (or there was none)' })
  @ApiConflictResponse({ description: 'The Q&A is closed' })
  @ApiNotFoundResponse({ description: 'No such question in the room' })
  unvote(
    @Param('questionId', new ParseUUIDPipe()) questionId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<VoteResultDto> {
    return this.questions.unvote(principal.accountId, questionId);
  }

  @Post('moderation')
  @Moderator('questionId', 'question')
  @ApiCreatedResponse({ type: ModeratorQuestionViewDto })
  @ApiForbiddenResponse({ description: 'Not a moderator of the question’s session' })
  @ApiConflictResponse({ description: 'The action does not apply to the question’s state' })
  @ApiBadRequestResponse({ description: 'A missing or too long text or note' })
  moderate(
    @Param('questionId', new ParseUUIDPipe()) questionId: string,
    @Body() dto: ModerateQuestionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ModeratorQuestionViewDto> {
    const command = moderationCommand(dto.action, dto);
    return this.questions.moderate(principal.accountId, questionId, command);
  }
}
