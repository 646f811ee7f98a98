import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ExportRegistrationsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this session of the event' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}
