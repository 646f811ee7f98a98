import {
  ANSWER_NOTE_MAX_LENGTH,
  MODERATOR_ACTIONS,
  type ModeratorAction,
  type ModeratorQuestionView,
  QA_MODES,
  type QaMode,
  type QaSettingsView,
  QUESTION_EXPORT_FORMATS,
  QUESTION_MAX_LENGTH,
  QUESTION_SORTS,
  QUESTION_STATUSES,
  type QuestionEditView,
  type QuestionExportFormat,
  type QuestionListView,
  type QuestionSort,
  type QuestionStatus,
  type QuestionView,
  type VoteResult,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsOmittable } from '../../common/validators.js';

/** Raw input may be longer than a question: control characters and spaces are stripped first. */
const RAW_MAX = QUESTION_MAX_LENGTH * 4;
const RAW_NOTE_MAX = ANSWER_NOTE_MAX_LENGTH * 4;

export class AskQuestionDto {
  @ApiProperty({ maxLength: QUESTION_MAX_LENGTH, description: 'Plain text; shown escaped' })
  @IsString()
  @MaxLength(RAW_MAX)
  body!: string;

  @ApiPropertyOptional({ description: 'Hide my name from the room (moderators still see it)' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiProperty({
    description: 'Chosen by the client; sending the same one again returns the first question',
    pattern: '^[A-Za-z0-9_-]{1,64}$',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  clientId!: string;
}

export class ListQuestionsQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_SORTS, default: 'votes' })
  @IsOptional()
  @IsIn(QUESTION_SORTS)
  sort?: QuestionSort;
}

export class ExportQuestionsQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(QUESTION_EXPORT_FORMATS)
  format?: QuestionExportFormat;
}

export class ModerateQuestionDto {
  @ApiProperty({ enum: MODERATOR_ACTIONS })
  @IsIn(MODERATOR_ACTIONS)
  action!: ModeratorAction;

  @ApiPropertyOptional({ description: 'The corrected text (action "edit" only)' })
  @ValidateIf((dto: ModerateQuestionDto) => dto.action === 'edit' || dto.body !== undefined)
  @IsString()
  @MaxLength(RAW_MAX)
  body?: string;

  @ApiPropertyOptional({
    maxLength: ANSWER_NOTE_MAX_LENGTH,
    description:
      'What the speakers answered, plain text (action "note", required; "answer", optional); ' +
      'empty clears it',
  })
  @ValidateIf((dto: ModerateQuestionDto) => dto.action === 'note' || dto.note !== undefined)
  @IsString()
  @MaxLength(RAW_NOTE_MAX)
  note?: string;
}

export class QaSettingsDto {
  @ApiPropertyOptional({ enum: QA_MODES })
  @IsOmittable()
  @IsIn(QA_MODES)
  qaMode?: QaMode;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  qaClosed?: boolean;
}

export class QaSettingsViewDto implements QaSettingsView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: QA_MODES }) qaMode!: QaMode;
  @ApiProperty() qaClosed!: boolean;
}

export class QuestionViewDto implements QuestionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when asked anonymously' })
  authorName!: string | null;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ description: 'Plain text' }) body!: string;
  @ApiProperty({ enum: QUESTION_STATUSES }) status!: QuestionStatus;
  @ApiProperty() pinned!: boolean;
  @ApiProperty() voteCount!: number;
  @ApiProperty() votedByMe!: boolean;
  @ApiProperty() mine!: boolean;
  @ApiProperty() edited!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Plain text; null for the room until the question is answered',
  })
  answerNote!: string | null;
}

export class QuestionEditViewDto implements QuestionEditView {
  @ApiProperty({ format: 'uuid' }) editorAccountId!: string;
  @ApiProperty() before!: string;
  @ApiProperty() after!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class QuestionAuthorDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() name!: string;
}

export class ModeratorQuestionViewDto extends QuestionViewDto implements ModeratorQuestionView {
  @ApiProperty({ type: QuestionAuthorDto }) author!: QuestionAuthorDto;
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: [QuestionEditViewDto] }) edits!: QuestionEditViewDto[];
}

export class QuestionListViewDto implements QuestionListView {
  @ApiProperty({ type: QaSettingsViewDto }) settings!: QaSettingsViewDto;
  @ApiProperty({ description: 'The caller moderates: questions carry author and edits' })
  moderator!: boolean;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(QuestionViewDto) },
        { $ref: getSchemaPath(ModeratorQuestionViewDto) },
      ],
    },
  })
  questions!: Array<QuestionViewDto | ModeratorQuestionViewDto>;
}

export class VoteResultDto implements VoteResult {
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty() voteCount!: number;
  @ApiProperty() votedByMe!: boolean;
}
