import { Module } from '@nestjs/common';
import { RoomBroadcaster } from './room-broadcaster.js';

/**
 * The room broadcaster, one per process. The live process attaches its namespace to it; the api
 * attaches a detached server on the same Redis stream (DetachedLiveServer).
 */
@Module({
  providers: [RoomBroadcaster],
  exports: [RoomBroadcaster],
})
export class LiveBroadcastModule {}
