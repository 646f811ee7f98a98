import {
  DOCUMENT_FORMATS,
  type DocumentFormat,
  KEY_LEARNING_SCOPES,
  KEY_LEARNING_TEXT_MAX,
  type KeyLearningDraftView,
  type KeyLearningFileView,
  type KeyLearningPublicView,
  type KeyLearningRevisionView,
  type KeyLearningScope,
  type KeyLearningSubject,
  type KeyLearningVersionView,
  RENDER_STATES,
  type RenderState,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Revisions are `integer` columns: a larger number failed the query on PostgreSQL. */
const REVISION_MAX = 2_147_483_647;

export class SaveDraftDto {
  @ApiProperty({
    maxLength: KEY_LEARNING_TEXT_MAX,
    description: 'The rapporteur’s notes (Markdown)',
  })
  @IsString()
  @MaxLength(KEY_LEARNING_TEXT_MAX)
  notes!: string;

  @ApiProperty({
    maxLength: KEY_LEARNING_TEXT_MAX,
    description: 'The digest (Markdown); ignored for a day',
  })
  @IsString()
  @MaxLength(KEY_LEARNING_TEXT_MAX)
  digest!: string;

  @ApiProperty({
    minimum: 0,
    maximum: REVISION_MAX,
    description: 'The revision the editor started from',
  })
  @IsInt()
  @Min(0)
  @Max(REVISION_MAX)
  revision!: number;
}

export class PublishDto {
  @ApiProperty({ minimum: 1, maximum: REVISION_MAX, description: 'The saved revision to publish' })
  @IsInt()
  @Min(1)
  @Max(REVISION_MAX)
  revision!: number;
}

export class PreviewDto {
  @ApiProperty({ maxLength: KEY_LEARNING_TEXT_MAX * 2 })
  @IsString()
  @MaxLength(KEY_LEARNING_TEXT_MAX * 2)
  markdown!: string;
}

export class DayParamsDto {
  @ApiProperty({ example: 'icc-city-lab-2020' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,80}$/)
  slug!: string;

  @ApiProperty({ example: '2020-11-24', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;
}

export class DownloadQueryDto {
  @ApiPropertyOptional({
    enum: ['1'],
    description: 'Send as an attachment (save) instead of inline',
  })
  @IsOptional()
  @IsIn(['1'])
  download?: '1';
}

export class PreviewViewDto {
  @ApiProperty({ description: 'Safe HTML: raw HTML in the Markdown comes out as text' })
  html!: string;
}

class KeyLearningFileDto implements KeyLearningFileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DOCUMENT_FORMATS }) format!: DocumentFormat;
  @ApiProperty() contentType!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ example: '/api/key-learnings/files/…' }) url!: string;
}

export class KeyLearningVersionDto implements KeyLearningVersionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty() publishedBy!: string;
  @ApiProperty({ enum: RENDER_STATES }) renderState!: RenderState;
  @ApiProperty({ type: [KeyLearningFileDto] }) files!: KeyLearningFileDto[];
}

class KeyLearningRevisionDto implements KeyLearningRevisionView {
  @ApiProperty() number!: number;
  @ApiProperty() author!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class KeyLearningSubjectDto implements KeyLearningSubject {
  @ApiProperty({ enum: KEY_LEARNING_SCOPES }) scope!: KeyLearningScope;
  @ApiProperty() eventSlug!: string;
  @ApiProperty() eventName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) sessionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) date!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['public', 'restricted'] }) audience!: 'public' | 'restricted';
}

export class KeyLearningDraftDto implements KeyLearningDraftView {
  @ApiProperty({ type: KeyLearningSubjectDto }) subject!: KeyLearningSubjectDto;
  @ApiProperty() notes!: string;
  @ApiProperty() digest!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  digestCompiledAt!: string | null;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) updatedBy!: string | null;
  @ApiProperty({ type: Number, nullable: true }) publishedRevision!: number | null;
  @ApiProperty({ type: [KeyLearningRevisionDto] }) revisions!: KeyLearningRevisionDto[];
  @ApiProperty({ type: [KeyLearningVersionDto] }) versions!: KeyLearningVersionDto[];
  @ApiProperty({ description: 'The Markdown a publish would freeze now' }) preview!: string;
}

class DaySessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() published!: boolean;
  @ApiProperty() restricted!: boolean;
}

export class KeyLearningPublicDto implements KeyLearningPublicView {
  @ApiProperty({ type: KeyLearningSubjectDto }) subject!: KeyLearningSubjectDto;
  @ApiProperty({ type: KeyLearningVersionDto, nullable: true })
  latest!: KeyLearningVersionDto | null;
  @ApiProperty({ type: String, nullable: true }) html!: string | null;
  @ApiProperty({ type: [KeyLearningVersionDto] }) versions!: KeyLearningVersionDto[];
  @ApiPropertyOptional({ type: [DaySessionDto] }) sessions?: DaySessionDto[];
}
