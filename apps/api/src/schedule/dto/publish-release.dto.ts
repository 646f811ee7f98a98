import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class PublishReleaseDto {
  @ApiProperty({ example: 'Day 2 moved to the afternoon' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ description: 'Shown on the changelog' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiPropertyOptional({
    description: 'Required to publish while hard conflicts remain; logged with the release',
  })
  @IsOptional()
  @IsString()
  @Length(5, 1000)
  overrideReason?: string;
}
