import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { EventOrganiser } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { SlugParamDto } from '../events/dto/slug.param.js';
import { ExportRegistrationsQueryDto } from './dto/export-registrations.dto.js';
import { RegistrationExportService } from './registration-export.service.js';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

@ApiTags('registrations')
@Controller('events/:slug')
@EventOrganiser()
export class RegistrationExportController {
  constructor(private readonly exports: RegistrationExportService) {}

  @Get('registrations.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Confirmed and waiting attendees by session (UTF-8 with BOM)' })
  @ApiForbiddenResponse({ description: 'Not an organiser of this event' })
  @ApiNotFoundResponse({ description: 'No such event, or no such session in it' })
  async csv(
    @Param() { slug }: SlugParamDto,
    @Query() { sessionId }: ExportRegistrationsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<string> {
    const list = await this.exports.csv(principal.accountId, slug, sessionId);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${list.filename}"`);
    // Names and addresses: no cache, shared or private, keeps a copy.
    reply.header('cache-control', 'no-store');
    return list.body;
  }
}
