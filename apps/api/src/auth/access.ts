import { SetMetadata } from '@nestjs/common';

/**
 * Every route states who may call it; a route without a rule is refused (deny by default), and
 * the route-table e2e test fails for it.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  /** Organisers of the event named by the route parameter, and programme organisers. */
  | { kind: 'event-organiser'; param: string }
  /** Programme organisers only (roles without an event). */
  | { kind: 'programme-organiser' }
  /** Organisers of any event, and programme organisers: for what events share (speakers). */
  | { kind: 'any-organiser' }
  /**
   * Moderators of the live Q&A: organisers and moderators of the event of the session (or of the
   * question's session) named by the route parameter, and programme organisers.
   */
  | { kind: 'moderator'; param: string; of: 'session' | 'question' }
  /**
   * Writers of a session's key learnings: rapporteurs and organisers of the session's event named
   * by the route parameter, and programme organisers.
   */
  | { kind: 'rapporteur'; param: string };

export const ACCESS_RULE = 'icc:access-rule';

export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signed-in' } satisfies AccessRule);
export const EventOrganiser = (param = 'slug') =>
  SetMetadata(ACCESS_RULE, { kind: 'event-organiser', param } satisfies AccessRule);
export const ProgrammeOrganiser = () =>
  SetMetadata(ACCESS_RULE, { kind: 'programme-organiser' } satisfies AccessRule);
export const AnyOrganiser = () =>
  SetMetadata(ACCESS_RULE, { kind: 'any-organiser' } satisfies AccessRule);
export const Moderator = (param: string, of: 'session' | 'question') =>
  SetMetadata(ACCESS_RULE, { kind: 'moderator', param, of } satisfies AccessRule);
export const Rapporteur = (param: string) =>
  SetMetadata(ACCESS_RULE, { kind: 'rapporteur', param } satisfies AccessRule);
