/**
 * The Socket.IO namespace of the live rooms: its limits and its typed event maps, shared by the
 * live process, its tests and the browser. One room per session.
 */
export const LIVE_NAMESPACE = '/live';

/** Largest message a client may send; Socket.IO closes the connection of one that sends more. */
export const LIVE_MAX_MESSAGE_BYTES = 16 * 1024;

/** A client that drops for up to this long gets what it missed when it reconnects. */
export const LIVE_RECOVERY_WINDOW_MS = 2 * 60_000;

/** Presence updates of one room are coalesced to at most one per this many milliseconds. */
export const LIVE_PRESENCE_WINDOW_MS = 250;

/** Why a live request was refused; a client shows a message per code. */
export const LIVE_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'sign_in_required',
  'forbidden',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

export interface LiveError {
  code: LiveErrorCode;
  message: string;
}

/** Every acknowledgement: the result, or the reason the request was refused. */
export type LiveAck<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: LiveError };

export interface LiveRoomRequest {
  sessionId: string;
}

/** How many people are in a session's room: a signed-in person with several tabs counts once. */
export interface PresenceUpdate {
  sessionId: string;
  count: number;
}

export interface ClientToServerEvents {
  /**
   * Enters a session's room. The session must be in its event's latest schedule release; anyone
   * may watch a public session, any other audience needs a signed-in caller.
   */
  join: (request: LiveRoomRequest, ack: (result: LiveAck<{ presence: number }>) => void) => void;
  leave: (request: LiveRoomRequest, ack: (result: LiveAck) => void) => void;
}

export interface ServerToClientEvents {
  presence: (update: PresenceUpdate) => void;
}

/** What the handshake learnt about the caller, kept on the socket (and recovered with it). */
export interface LiveSocketData {
  /** Null for an anonymous viewer. */
  accountId: string | null;
}
