import { METRICS, metricOf, replaceMetric } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Namespace } from 'socket.io';

/** The room of one session (`session:<id>`), not its moderators' or an account's room. */
const SESSION_ROOM = /^session:[^:]+$/;

/** A packet as Socket.IO's adapter broadcasts it: `data[0]` is the event name. */
interface BroadcastPacket {
  data?: unknown[];
}

/**
 * What the live process does, for Prometheus: sockets connected to this instance, session rooms
 * with a socket here, events received from clients (by event: only the events the gateway
 * handles reach `received`) and events this instance broadcast to rooms (by event: server events
 * are a fixed set).
 */
@Injectable()
export class LiveMetrics {
  private readonly received: Counter<'event'>;
  private readonly broadcast: Counter<'event'>;

  constructor(@Inject(METRICS) private readonly registry: Registry) {
    this.received = metricOf(
      registry,
      'live_events_received_total',
      () =>
        new Counter({
          name: 'live_events_received_total',
          help: 'Events received from clients on /live, by event',
          labelNames: ['event'] as const,
          registers: [registry],
        }),
    );
    this.broadcast = metricOf(
      registry,
      'live_events_broadcast_total',
      () =>
        new Counter({
          name: 'live_events_broadcast_total',
          help: 'Events this instance broadcast to rooms of /live (to every instance), by event',
          labelNames: ['event'] as const,
          registers: [registry],
        }),
    );
  }

  /** Counts one handled client event. */
  eventReceived(event: string): void {
    this.received.inc({ event });
  }

  /** Reads sockets and rooms of the namespace on every scrape; counts its broadcasts. */
  attach(namespace: Namespace): void {
    const registry = this.registry;
    replaceMetric(
      registry,
      'live_connected_sockets',
      () =>
        new Gauge({
          name: 'live_connected_sockets',
          help: 'Sockets connected to /live on this instance',
          registers: [registry],
          collect() {
            this.set(namespace.sockets.size);
          },
        }),
    );
    replaceMetric(
      registry,
      'live_rooms',
      () =>
        new Gauge({
          name: 'live_rooms',
          help: 'Session rooms of /live with at least one socket on this instance',
          registers: [registry],
          collect() {
            let rooms = 0;
            for (const room of namespace.adapter.rooms.keys()) {
              if (SESSION_ROOM.test(room)) rooms += 1;
            }
            this.set(rooms);
          },
        }),
    );
    // Broadcasts that arrive from other instances reach the sockets here through the adapter's
    // parent class, not this method: each broadcast is counted once, where it was sent.
    const adapter = namespace.adapter;
    const send = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet: BroadcastPacket, opts) => {
      const event = packet.data?.[0];
      this.broadcast.inc({ event: typeof event === 'string' ? event : 'other' });
      return send(packet, opts);
    };
  }
}
