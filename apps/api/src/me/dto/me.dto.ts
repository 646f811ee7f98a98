import { CONSENT_PURPOSES, type ConsentPurpose, LOCALES, type Locale } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID, Length, Validate } from 'class-validator';
import { IsIanaTimeZone } from '../../common/validators.js';

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Anna Novak' })
  @IsOptional()
  @Length(1, 160)
  name?: string;

  @ApiPropertyOptional({ example: 'City of Ljubljana' })
  @IsOptional()
  @Length(0, 200)
  organisation?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  cityId?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: 'Europe/Lisbon' })
  @IsOptional()
  @Validate(IsIanaTimeZone)
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Attach the PDF to mails with published key learnings' })
  @IsOptional()
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
