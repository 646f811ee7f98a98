import { LOCALES, type Locale } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, Length, Matches, MaxLength } from 'class-validator';

export class SignInRequestDto {
  @ApiProperty({ example: 'mayor@city.example' })
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the mail for a new address' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class VerifySignInDto {
  @ApiProperty({ description: 'The token from the sign-in link' })
  @Matches(/^[A-Za-z0-9_-]{32,128}$/, { message: 'token is malformed' })
  token!: string;

  @ApiPropertyOptional({
    enum: ['browser', 'api'],
    description: 'browser: an HttpOnly session cookie; api: a bearer token in the answer',
  })
  @IsOptional()
  @IsIn(['browser', 'api'])
  client?: 'browser' | 'api';

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class SignInAcceptedDto {
  @ApiProperty() message!: string;
}

export class SessionOpenedDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ description: 'Send it as X-CSRF-Token with every write made with the cookie' })
  csrfToken!: string;
  @ApiPropertyOptional({ description: 'Only for client=api: the bearer token, shown once' })
  token?: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'reporting script' })
  @Length(1, 100)
  label!: string;
}
