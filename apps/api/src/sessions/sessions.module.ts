import { Module } from '@nestjs/common';
import { SessionsController } from './sessions.controller.js';
import { PublishedScheduleService } from './published-schedule.service.js';
import { SessionsService } from './sessions.service.js';

@Module({
  controllers: [SessionsController],
  providers: [SessionsService, PublishedScheduleService],
  exports: [SessionsService, PublishedScheduleService],
})
export class SessionsModule {}
