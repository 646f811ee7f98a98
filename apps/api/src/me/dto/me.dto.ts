import { CONSENT_PURPOSES, type ConsentPurpose, LOCALES, type Locale } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsUUID,
  Length,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IANAZone } from 'luxon';

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Brussels';
  }
}

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
