import { jest } from '@jest/globals';
import type { QuestionEntity } from '@app/persistence';
import type { Repository } from 'typeorm';
import { HEAD_TTL_MS } from '../sessions/published-schedule.service.js';
import { type LiveNamespace, RoomBroadcaster } from './room-broadcaster.js';

/** A namespace that records the rooms whose sockets were disconnected. */
function recordingNamespace(closed: string[]): LiveNamespace {
  return {
    in: (room: string) => ({ disconnectSockets: () => closed.push(room) }),
  } as unknown as LiveNamespace;
}

describe('RoomBroadcaster: rooms a release closed to the public', () => {
  let broadcaster: RoomBroadcaster;
  let closed: string[];

  beforeEach(() => {
    jest.useFakeTimers();
    closed = [];
    broadcaster = new RoomBroadcaster({} as Repository<QuestionEntity>);
    broadcaster.attach(recordingNamespace(closed));
  });

  afterEach(() => {
    broadcaster.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('closes them once every live process can have seen the release, not before', () => {
    broadcaster.roomsClosedToPublic(['a', 'b']);
    jest.advanceTimersByTime(HEAD_TTL_MS);
    expect(closed).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(closed).toEqual(['session:a', 'session:b']);
    jest.advanceTimersByTime(60_000);
    expect(closed).toHaveLength(2);
  });

  it('closes them at once when the process stops first, and only once', () => {
    broadcaster.roomsClosedToPublic(['a']);
    broadcaster.onApplicationShutdown();
    expect(closed).toEqual(['session:a']);
    jest.advanceTimersByTime(60_000);
    broadcaster.closePendingRooms();
    expect(closed).toEqual(['session:a']);
  });

  it('does nothing for a release that closed no room', () => {
    broadcaster.roomsClosedToPublic([]);
    broadcaster.onApplicationShutdown();
    jest.advanceTimersByTime(60_000);
    expect(closed).toEqual([]);
  });
});
