import { EVENT_KINDS, type EventKind } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  Validate,
} from 'class-validator';
import { IsCalendarDate, IsIanaTimeZone, IsOmittable } from '../../common/validators.js';

const BUFFER = { minimum: 0, maximum: 240, default: 10 };

export class CreateEventDto {
  @ApiProperty({ example: 'icc-city-lab-2027' })
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'slug must be lowercase letters, digits and dashes' })
  slug!: string;

  @ApiProperty({ enum: EVENT_KINDS })
  @IsIn(EVENT_KINDS)
  kind!: EventKind;

  @ApiProperty({ example: 'ICC City Lab: Green and digital transition in tourism' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ default: '' })
  @IsOmittable()
  @IsString()
  @Length(0, 5000)
  summary?: string;

  @ApiProperty({ example: 'Europe/Brussels' })
  @Validate(IsIanaTimeZone)
  timeZone!: string;

  @ApiProperty({ format: 'date', description: "First day, in the event's zone" })
  @Validate(IsCalendarDate)
  startDate!: string;

  @ApiProperty({ format: 'date', description: "Last day, in the event's zone" })
  @Validate(IsCalendarDate)
  endDate!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Online' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  venue?: string | null;

  @ApiPropertyOptional({ ...BUFFER, description: 'Minutes a person needs to change stream' })
  @IsOmittable()
  @IsInt()
  @Min(BUFFER.minimum)
  @Max(BUFFER.maximum)
  streamChangeBufferMinutes?: number;
}

/** The slug names the event in links and calendars, so it never changes. */
export class UpdateEventDto {
  @ApiPropertyOptional({ enum: EVENT_KINDS })
  @IsOmittable()
  @IsIn(EVENT_KINDS)
  kind?: EventKind;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(0, 5000)
  summary?: string;

  @ApiPropertyOptional({ example: 'Europe/Brussels' })
  @IsOmittable()
  @Validate(IsIanaTimeZone)
  timeZone?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @Validate(IsCalendarDate)
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @Validate(IsCalendarDate)
  endDate?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  venue?: string | null;

  @ApiPropertyOptional(BUFFER)
  @IsOmittable()
  @IsInt()
  @Min(BUFFER.minimum)
  @Max(BUFFER.maximum)
  streamChangeBufferMinutes?: number;
}
