import { INVITATION_ROLES, LOCALES } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MAX_CSV_LENGTH, MAX_INVITEES } from '../invitee-rows.js';

/**
 * Only the shape is checked here: the content of each item (a valid address, a known role) is
 * checked per item, so one bad entry is reported beside the good ones instead of refusing all.
 */
export class InviteeDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Invite an existing account: its address is used, and its name unless name is given. ' +
      'Leave out email.',
  })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiPropertyOptional({ example: 'Ana Moreau', description: 'Required unless accountId is given' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  name?: string;

  @ApiPropertyOptional({
    example: 'mayor@leuven.example',
    description: 'Required unless accountId is given',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  email?: string;

  @ApiPropertyOptional({
    example: 'Leuven',
    description: 'Matched to a known ICC city when possible',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  city?: string;

  @ApiProperty({ enum: INVITATION_ROLES })
  @IsString()
  @MaxLength(100)
  role!: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    description: 'Language of the mails; default: the account’s language, else English',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  locale?: string;
}

export class InviteDto {
  @ApiProperty({
    type: [InviteeDto],
    description: `At most ${MAX_INVITEES}; rejected items are named by their 1-based position`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INVITEES)
  @ValidateNested({ each: true })
  @Type(() => InviteeDto)
  invitees!: InviteeDto[];
}

export class ImportCsvDto {
  @ApiProperty({
    description:
      'The file as text: a header line `name,email,city,role` (any order, `locale` optional), ' +
      `then one invitee per line; at most ${MAX_INVITEES} lines and ${MAX_CSV_LENGTH} characters`,
    example: 'name,email,city,role\r\n"Moreau, Ana",mayor@leuven.example,Leuven,mayor\r\n',
  })
  @IsString()
  @MaxLength(MAX_CSV_LENGTH)
  csv!: string;
}
