import type { AvailabilityWindow, SpeakerAdminView } from '@app/contracts';
import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsInstant, IsOmittable } from '../../common/validators.js';

export class AvailabilityWindowDto implements AvailabilityWindow {
  @ApiProperty({ format: 'date-time', example: '2026-10-13T07:00:00Z' })
  @Validate(IsInstant)
  startsAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-13T16:00:00Z' })
  @Validate(IsInstant)
  endsAt!: string;
}

const AVAILABILITY: ApiPropertyOptions = {
  type: [AvailabilityWindowDto],
  description: 'Times the person can take part; empty means no constraint',
};

export class CreateSpeakerDto {
  @ApiProperty({ example: 'Anna Novak' })
  @IsString()
  @Length(1, 160)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Mayor of Ljubljana' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  bio?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  cityId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Private: organisers only' })
  @IsOptional()
  @IsEmail({ require_tld: true })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional(AVAILABILITY)
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];
}

export class UpdateSpeakerDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 160)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  bio?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  cityId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail({ require_tld: true })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional(AVAILABILITY)
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];
}

export class SpeakerAdminDto implements SpeakerAdminView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisation!: string | null;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) cityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty(AVAILABILITY) availability!: AvailabilityWindowDto[];
}
