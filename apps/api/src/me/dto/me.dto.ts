import { CONSENT_PURPOSES, type ConsentPurpose, LOCALES, type Locale } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID, Length, Validate } from 'class-validator';
import { IsIanaTimeZone, IsOmittable } from '../../common/validators.js';

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Anna Novak' })
  @IsOmittable()
  @Length(1, 160)
  name?: string;

  @ApiPropertyOptional({ example: 'City of Ljubljana' })
  @IsOmittable()
  @Length(0, 200)
  organisation?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  cityId?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOmittable()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Europe/Lisbon' })
  @IsOmittable()
  @Validate(IsIanaTimeZone)
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Attach the PDF to mails with published key learnings' })
  @IsOmittable()
  @IsBoolean()
  keyLearningsPdf?: boolean;
}

export class ConsentPurposeParamDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;
}

export class GrantConsentDto extends ConsentPurposeParamDto {
  @ApiProperty({ example: '2026-11', description: 'The wording version the person was shown' })
  @Length(1, 20)
  wordingVersion!: string;
}
