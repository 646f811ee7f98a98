import { MAIL_STATES, type MailState } from '@app/contracts';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ProgrammeOrganiser } from '../auth/access.js';
import type { RequestWithPrincipal } from '../auth/principal.js';
import { MailAdminService } from './mail-admin.service.js';

class ListMailQueryDto {
  @ApiPropertyOptional({ enum: MAIL_STATES })
  @IsOptional()
  @IsIn(MAIL_STATES)
  state?: MailState;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('mail (organisers)')
@Controller('admin/mail')
@ProgrammeOrganiser()
export class MailAdminController {
  constructor(private readonly mail: MailAdminService) {}

  @Get('summary')
  summary() {
    return this.mail.counts();
  }

  @Get()
  list(@Query() query: ListMailQueryDto) {
    return this.mail.list(query.state, query.limit ?? 100);
  }

  @Post(':id/resend')
  @HttpCode(202)
  resend(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: RequestWithPrincipal) {
    return this.mail.resend(id, request.id);
  }
}
