import { AUDIENCES, type Audience, SESSION_LANGUAGES, type SessionLanguage } from '@app/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class ListSessionsQueryDto {
  @ApiPropertyOptional({ format: 'date', description: "A day of the event, in the event's zone" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date as YYYY-MM-DD' })
  day?: string;

  @ApiPropertyOptional({ description: 'Track slug', example: 'green-economy' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'track must be a track slug' })
  track?: string;

  @ApiPropertyOptional({ enum: AUDIENCES })
  @IsOptional()
  @IsIn(AUDIENCES)
  audience?: Audience;

  @ApiPropertyOptional({ enum: SESSION_LANGUAGES })
  @IsOptional()
  @IsIn(SESSION_LANGUAGES)
  language?: SessionLanguage;
}
