import {
  AUDIENCES,
  type Audience,
  CONFLICT_KINDS,
  type ConflictKind,
  type ConflictSeverity,
  type DraftSessionPerson,
  type DraftSessionView,
  type ScheduleConflict,
  SESSION_FORMATS,
  SESSION_LANGUAGES,
  SESSION_PERSON_ROLES,
  SESSION_STATUSES,
  type SessionFormat,
  type SessionLanguage,
  type SessionPersonRole,
  type SessionStatus,
} from '@app/contracts';
import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsInstant, IsOmittable } from '../../common/validators.js';

export class DraftSessionPersonDto implements DraftSessionPerson {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  speakerId!: string;

  @ApiProperty({ enum: SESSION_PERSON_ROLES })
  @IsIn(SESSION_PERSON_ROLES)
  role!: SessionPersonRole;
}

const PEOPLE: ApiPropertyOptions = {
  type: [DraftSessionPersonDto],
  description: 'Speakers, moderators and rapporteurs, in order; replaces the whole list',
};
const REFERENCE = { type: String, format: 'uuid', nullable: true };

export class CreateDraftSessionDto {
  @ApiProperty({ example: 'Financing the green transition of tourism' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ default: '' })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  abstract?: string;

  @ApiPropertyOptional({ enum: SESSION_FORMATS, default: 'plenary' })
  @IsOmittable()
  @IsIn(SESSION_FORMATS)
  format?: SessionFormat;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience!: Audience;

  @ApiPropertyOptional({ enum: SESSION_LANGUAGES, default: 'en' })
  @IsOmittable()
  @IsIn(SESSION_LANGUAGES)
  language?: SessionLanguage;

  @ApiPropertyOptional({ enum: SESSION_STATUSES, default: 'scheduled' })
  @IsOmittable()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional(REFERENCE)
  @IsOptional()
  @IsUUID()
  trackId?: string | null;

  @ApiPropertyOptional(REFERENCE)
  @IsOptional()
  @IsUUID()
  streamId?: string | null;

  @ApiPropertyOptional({
    ...REFERENCE,
    description: "Left out: the event's day on the start's date, if there is one",
  })
  @IsOptional()
  @IsUUID()
  dayId?: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-10-13T08:00:00Z' })
  @Validate(IsInstant)
  startsAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-13T09:30:00Z' })
  @Validate(IsInstant)
  endsAt!: string;

  @ApiPropertyOptional(PEOPLE)
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DraftSessionPersonDto)
  people?: DraftSessionPersonDto[];
}

export class UpdateDraftSessionDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  abstract?: string;

  @ApiPropertyOptional({ enum: SESSION_FORMATS })
  @IsOmittable()
  @IsIn(SESSION_FORMATS)
  format?: SessionFormat;

  @ApiPropertyOptional({ enum: AUDIENCES })
  @IsOmittable()
  @IsIn(AUDIENCES)
  audience?: Audience;

  @ApiPropertyOptional({ enum: SESSION_LANGUAGES })
  @IsOmittable()
  @IsIn(SESSION_LANGUAGES)
  language?: SessionLanguage;

  @ApiPropertyOptional({
    enum: SESSION_STATUSES,
    description: 'A published session is withdrawn by cancelling it',
  })
  @IsOmittable()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional(REFERENCE)
  @IsOptional()
  @IsUUID()
  trackId?: string | null;

  @ApiPropertyOptional(REFERENCE)
  @IsOptional()
  @IsUUID()
  streamId?: string | null;

  @ApiPropertyOptional({
    ...REFERENCE,
    description: 'Left out while the start moves: the day of the new start, if there is one',
  })
  @IsOptional()
  @IsUUID()
  dayId?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOmittable()
  @Validate(IsInstant)
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOmittable()
  @Validate(IsInstant)
  endsAt?: string;

  @ApiPropertyOptional(PEOPLE)
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DraftSessionPersonDto)
  people?: DraftSessionPersonDto[];
}

export class DraftSessionPersonViewDto extends DraftSessionPersonDto {
  @ApiProperty() name!: string;
}

export class DraftSessionDto implements DraftSessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() eventSlug!: string;
  @ApiProperty(REFERENCE) dayId!: string | null;
  @ApiProperty(REFERENCE) trackId!: string | null;
  @ApiProperty(REFERENCE) streamId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() abstract!: string;
  @ApiProperty({ enum: SESSION_FORMATS }) format!: SessionFormat;
  @ApiProperty({ enum: AUDIENCES }) audience!: Audience;
  @ApiProperty({ enum: SESSION_LANGUAGES }) language!: SessionLanguage;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) endsAt!: string;
  @ApiProperty({ type: [DraftSessionPersonViewDto] }) people!: DraftSessionPersonViewDto[];
  @ApiProperty({ description: 'Carried by a release: cancel it, it cannot be deleted' })
  published!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ScheduleConflictDto implements ScheduleConflict {
  @ApiProperty({ enum: CONFLICT_KINDS }) kind!: ConflictKind;
  @ApiProperty({ enum: ['hard', 'soft'], description: 'Hard conflicts block publishing' })
  severity!: ConflictSeverity;
  @ApiProperty({ type: [String], description: 'In time order' }) sessionIds!: string[];
  @ApiPropertyOptional({ format: 'uuid' }) speakerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) streamId?: string;
  @ApiProperty() message!: string;
}

export class DraftSessionResultDto {
  @ApiProperty({ type: DraftSessionDto }) session!: DraftSessionDto;
  @ApiProperty({ type: [ScheduleConflictDto], description: 'The conflicts this session is in' })
  conflicts!: ScheduleConflictDto[];
}
