import { Module } from '@nestjs/common';
import { MailAdminController } from './mail-admin.controller.js';
import { MailAdminService } from './mail-admin.service.js';

@Module({ controllers: [MailAdminController], providers: [MailAdminService] })
export class MailAdminModule {}
