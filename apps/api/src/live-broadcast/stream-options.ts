import type { RedisStreamsAdapterOptions } from '@socket.io/redis-streams-adapter';

/**
 * Where every live instance (and the api's detached server) meets in Redis: one stream carries
 * every broadcast, and the recovery sessions of dropped clients.
 */
export const LIVE_STREAM_OPTIONS: RedisStreamsAdapterOptions = {
  streamName: 'icc:live',
  channelPrefix: 'icc:live',
  sessionKeyPrefix: 'icc:live:session:',
};
