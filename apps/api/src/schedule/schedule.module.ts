import { Module } from '@nestjs/common';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { ProgrammeModule } from '../programme/programme.module.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { ScheduleController } from './schedule.controller.js';
import { ScheduleService } from './schedule.service.js';

@Module({
  imports: [ProgrammeModule, RegistrationsModule, LiveBroadcastModule],
  controllers: [ScheduleController],
  providers: [ScheduleService],
})
export class ScheduleModule {}
