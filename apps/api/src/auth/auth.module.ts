import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { RateLimiter } from './rate-limiter.service.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, RateLimiter],
  exports: [AuthService, RateLimiter],
})
export class AuthModule {}
