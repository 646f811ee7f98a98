import {
  type ClientToServerEvents,
  LIVE_NAMESPACE,
  type ServerToClientEvents,
} from '@app/contracts';
import { io, type Socket } from 'socket.io-client';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A Socket.IO client of the live process, as a browser on `origin` would open it. */
export function liveClient(url: string, origin: string, token?: string): LiveClient {
  return io(`${url}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
    extraHeaders: { origin, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

export function connected(client: LiveClient): Promise<void> {
  if (client.connected) return Promise.resolve();
  return new Promise((done, fail) => {
    client.once('connect', () => done());
    client.once('connect_error', fail);
  });
}

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** The first `event` whose payload satisfies `accept`, or a rejection after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  client: LiveClient,
  event: E,
  accept: (payload: Payload<E>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Payload<E>> {
  return new Promise((done, fail) => {
    const listener = (payload: Payload<E>): void => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      client.off(event, listener as never);
      done(payload);
    };
    const timer = setTimeout(() => {
      client.off(event, listener as never);
      fail(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener as never);
  });
}

/** Every `event` the client receives from now on. */
export function record<E extends keyof ServerToClientEvents>(
  client: LiveClient,
  event: E,
): Array<Payload<E>> {
  const seen: Array<Payload<E>> = [];
  client.on(event, ((payload: Payload<E>) => seen.push(payload)) as never);
  return seen;
}
