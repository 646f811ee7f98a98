import { Module } from '@nestjs/common';
import { DetachedLiveServer } from './detached-live-server.js';
import { LiveInfoController } from './live-info.controller.js';
import { RoomBroadcaster } from './room-broadcaster.js';

/**
 * The room broadcaster, one per process. The live process attaches its own namespace to it; the
 * api imports LiveRelayModule, which attaches a detached server on the same Redis stream.
 */
@Module({
  providers: [RoomBroadcaster],
  exports: [RoomBroadcaster],
})
export class LiveBroadcastModule {}

@Module({
  imports: [LiveBroadcastModule],
  controllers: [LiveInfoController],
  providers: [DetachedLiveServer],
})
export class LiveRelayModule {}
