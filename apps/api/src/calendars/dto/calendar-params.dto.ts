import { ApiProperty } from '@nestjs/swagger';
import { Matches, Validate } from 'class-validator';
import { IsCalendarDate } from '../../common/validators.js';
import { SlugParamDto } from '../../events/dto/slug.param.js';

export class DayCalendarParamsDto extends SlugParamDto {
  @ApiProperty({ format: 'date', example: '2020-09-29', description: "In the event's time zone" })
  @Validate(IsCalendarDate)
  date!: string;
}

export class TrackCalendarParamsDto extends SlugParamDto {
  @ApiProperty({ example: 'public-procurement' })
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'trackSlug must be a track slug' })
  trackSlug!: string;
}
