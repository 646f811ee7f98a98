import { Module } from '@nestjs/common';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { RegistrationAdminController } from './registration-admin.controller.js';
import { RegistrationAdminService } from './registration-admin.service.js';
import { RegistrationExportController } from './registration-export.controller.js';
import { RegistrationExportService } from './registration-export.service.js';
import { RegistrationMails } from './registration-mails.js';
import {
  MyRegistrationsController,
  SessionRegistrationController,
} from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';
import { SeatLedger } from './seat-ledger.js';
import { SessionReminders } from './session-reminders.js';

@Module({
  imports: [SessionsModule, LiveBroadcastModule],
  controllers: [
    SessionRegistrationController,
    MyRegistrationsController,
    RegistrationAdminController,
    RegistrationExportController,
  ],
  providers: [
    RegistrationsService,
    RegistrationAdminService,
    RegistrationExportService,
    SeatLedger,
    RegistrationMails,
    SessionReminders,
  ],
  exports: [RegistrationsService, RegistrationAdminService, SessionReminders],
})
export class RegistrationsModule {}
