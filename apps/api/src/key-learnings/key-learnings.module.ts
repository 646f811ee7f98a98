import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import {
  DayKeyLearningsController,
  KeyLearningFilesController,
  SessionKeyLearningsController,
} from './key-learnings.controller.js';
import { KeyLearningsService } from './key-learnings.service.js';

@Module({
  imports: [SessionsModule, RolesModule, AuthModule],
  controllers: [
    SessionKeyLearningsController,
    DayKeyLearningsController,
    KeyLearningFilesController,
  ],
  providers: [KeyLearningsService],
})
export class KeyLearningsModule {}
