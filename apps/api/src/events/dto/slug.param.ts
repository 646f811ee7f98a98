import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class SlugParamDto {
  @ApiProperty({ example: 'icc-city-lab-2020' })
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'slug must be lowercase letters, digits and dashes' })
  slug!: string;
}
