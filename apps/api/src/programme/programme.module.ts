import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { DraftConflictsService } from './draft-conflicts.service.js';
import { DraftSessionsController } from './draft-sessions.controller.js';
import { DraftSessionsService } from './draft-sessions.service.js';
import { EventAdminController } from './event-admin.controller.js';
import { EventAdminService } from './event-admin.service.js';
import { EventPartsController } from './event-parts.controller.js';
import { EventPartsService } from './event-parts.service.js';
import { SpeakersController } from './speakers.controller.js';
import { SpeakersService } from './speakers.service.js';

/**
 * The organisers' editor: events, their days, tracks and streams, the draft sessions and the
 * people on the programme. Exports the draft's conflicts for schedule releases.
 */
@Module({
  imports: [RegistrationsModule],
  controllers: [
    EventAdminController,
    EventPartsController,
    DraftSessionsController,
    SpeakersController,
  ],
  providers: [
    EventAdminService,
    EventPartsService,
    DraftSessionsService,
    DraftConflictsService,
    SpeakersService,
  ],
  exports: [DraftConflictsService],
})
export class ProgrammeModule {}
