import { Module } from '@nestjs/common';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { RateLimiter } from './rate-limiter.service.js';

@Module({
  imports: [LiveBroadcastModule],
  controllers: [AuthController],
  providers: [AuthService, RateLimiter],
  exports: [AuthService, RateLimiter],
})
export class AuthModule {}
