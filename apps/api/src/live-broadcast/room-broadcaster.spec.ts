import type { QuestionEntity } from '@app/persistence';
import type { Repository } from 'typeorm';
import { type LiveNamespace, RoomBroadcaster } from './room-broadcaster.js';

describe('RoomBroadcaster: rooms a release closed to the public', () => {
  const sent: unknown[][] = [];
  const broadcaster = new RoomBroadcaster({} as Repository<QuestionEntity>);
  broadcaster.attach({
    serverSideEmit: (...args: unknown[]) => sent.push(args),
  } as unknown as LiveNamespace);

  afterAll(() => broadcaster.onApplicationShutdown());
  beforeEach(() => {
    sent.length = 0;
  });

  it('tells every live process which event and rooms, at once', () => {
    const ids = ['a', 'b'];
    broadcaster.roomsClosedToPublic('event-1', ids);
    ids.push('c');
    expect(sent).toEqual([['rooms:closed', { eventId: 'event-1', sessionIds: ['a', 'b'] }]]);
  });

  it('says nothing for a release that closed no room', () => {
    broadcaster.roomsClosedToPublic('event-1', []);
    expect(sent).toEqual([]);
  });
});
