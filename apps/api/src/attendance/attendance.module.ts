import { Module } from '@nestjs/common';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { SessionAttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';

@Module({
  imports: [RolesModule, LiveBroadcastModule],
  controllers: [SessionAttendanceController],
  providers: [AttendanceService],
  exports: [AttendanceService],
})
export class AttendanceModule {}
