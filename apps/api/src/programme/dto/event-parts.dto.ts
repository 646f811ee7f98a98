import { TRACK_KINDS, type TrackKind } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsCalendarDate, IsOmittable } from '../../common/validators.js';

/** Track colours carry white text in the agenda: WCAG AA asks for 4.5:1 contrast. */
@ValidatorConstraint({ name: 'readableUnderWhiteText' })
class IsReadableUnderWhiteText implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(value)) return false;
    const [r, g, b] = [1, 3, 5].map((i) => {
      const channel = parseInt(value.slice(i, i + 2), 16) / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return 1.05 / (luminance + 0.05) >= 4.5;
  }
  defaultMessage(): string {
    return 'color must be #rrggbb, dark enough for white text (contrast 4.5:1)';
  }
}

const POSITION = {
  minimum: 0,
  maximum: 1000,
  description: 'Order among its kind; last if left out',
};
const HTTPS_URL = { protocols: ['https'], require_protocol: true };
const HTTPS_MESSAGE = { message: 'virtualUrl must be an https:// address' };

export class CreateDayDto {
  @ApiProperty({ format: 'date', description: "Within the event's dates" })
  @Validate(IsCalendarDate)
  date!: string;

  @ApiProperty({ example: 'Day 2: Integrating the European Green Deal' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ default: '' })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 366,
    description: 'Counted from the first date if left out',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(366)
  dayNumber?: number;
}

export class UpdateDayDto {
  @ApiPropertyOptional({ format: 'date' })
  @IsOmittable()
  @Validate(IsCalendarDate)
  date?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 366 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(366)
  dayNumber?: number;
}

export class CreateTrackDto {
  @ApiProperty({ example: 'green-economy' })
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'slug must be lowercase letters, digits and dashes' })
  slug!: string;

  @ApiProperty({ example: 'Green economy and local green deals' })
  @IsString()
  @Length(1, 160)
  name!: string;

  @ApiProperty({ enum: TRACK_KINDS })
  @IsIn(TRACK_KINDS)
  kind!: TrackKind;

  @ApiProperty({ example: '#1b6e3a' })
  @Validate(IsReadableUnderWhiteText)
  color!: string;

  @ApiPropertyOptional(POSITION)
  @IsOmittable()
  @IsInt()
  @Min(POSITION.minimum)
  @Max(POSITION.maximum)
  position?: number;
}

export class UpdateTrackDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'slug must be lowercase letters, digits and dashes' })
  slug?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 160)
  name?: string;

  @ApiPropertyOptional({ enum: TRACK_KINDS })
  @IsOmittable()
  @IsIn(TRACK_KINDS)
  kind?: TrackKind;

  @ApiPropertyOptional({ example: '#1b6e3a' })
  @IsOmittable()
  @Validate(IsReadableUnderWhiteText)
  color?: string;

  @ApiPropertyOptional(POSITION)
  @IsOmittable()
  @IsInt()
  @Min(POSITION.minimum)
  @Max(POSITION.maximum)
  position?: number;
}

export class CreateStreamDto {
  @ApiProperty({ example: 'Workshop room A' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://meet.example.eu/icc-a' })
  @IsOptional()
  @IsUrl(HTTPS_URL, HTTPS_MESSAGE)
  @MaxLength(500)
  virtualUrl?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional(POSITION)
  @IsOmittable()
  @IsInt()
  @Min(POSITION.minimum)
  @Max(POSITION.maximum)
  position?: number;
}

export class UpdateStreamDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUrl(HTTPS_URL, HTTPS_MESSAGE)
  @MaxLength(500)
  virtualUrl?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional(POSITION)
  @IsOmittable()
  @IsInt()
  @Min(POSITION.minimum)
  @Max(POSITION.maximum)
  position?: number;
}
