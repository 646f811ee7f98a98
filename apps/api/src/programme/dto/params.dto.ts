import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { SlugParamDto } from '../../events/dto/slug.param.js';

export class DayParamDto extends SlugParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  dayId!: string;
}

export class TrackParamDto extends SlugParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  trackId!: string;
}

export class StreamParamDto extends SlugParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  streamId!: string;
}

export class DraftSessionParamDto extends SlugParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId!: string;
}

export class SpeakerParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  speakerId!: string;
}
