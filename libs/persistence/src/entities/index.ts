import { ConsentEntity } from './consent.entity.js';
import { AccountEntity } from './account.entity.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuthSessionEntity } from './auth-session.entity.js';
import { EventRoleEntity } from './event-role.entity.js';
import { SignInRequestEntity } from './sign-in-request.entity.js';
import { CityEntity } from './city.entity.js';
import { EventDayEntity } from './event-day.entity.js';
import { EventEntity } from './event.entity.js';
import { OutgoingMailEntity } from './outgoing-mail.entity.js';
import { SessionPersonEntity } from './session-person.entity.js';
import { SessionEntity } from './session.entity.js';
import { SpeakerEntity } from './speaker.entity.js';
import { StreamEntity } from './stream.entity.js';
import { TrackEntity } from './track.entity.js';
import { ScheduleReleaseEntity } from './schedule-release.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { SessionCitySeatEntity } from './session-city-seat.entity.js';
import { InvitationEntity, InvitationLinkEntity } from './invitation.entity.js';
import { CalendarFeedEntity } from './calendar-feed.entity.js';
import { QuestionEntity } from './question.entity.js';
import { QuestionVoteEntity } from './question-vote.entity.js';
import { QuestionEditEntity } from './question-edit.entity.js';
import { ChatMessageEntity } from './chat-message.entity.js';
import { PollEntity } from './poll.entity.js';
import { PollOptionEntity } from './poll-option.entity.js';
import { PollVoteEntity } from './poll-vote.entity.js';
import { AttendanceEntity } from './attendance.entity.js';
import {
  KeyLearningDocumentEntity,
  KeyLearningFileEntity,
  KeyLearningRevisionEntity,
  KeyLearningVersionEntity,
} from './key-learning.entity.js';

export {
  ConsentEntity,
  AccountEntity,
  AuditEntryEntity,
  AuthSessionEntity,
  EventRoleEntity,
  SignInRequestEntity,
  CityEntity,
  EventDayEntity,
  EventEntity,
  OutgoingMailEntity,
  SessionEntity,
  SessionPersonEntity,
  SpeakerEntity,
  StreamEntity,
  TrackEntity,
  ScheduleReleaseEntity,
  RegistrationEntity,
  SessionCitySeatEntity,
  InvitationEntity,
  InvitationLinkEntity,
  CalendarFeedEntity,
  QuestionEntity,
  QuestionVoteEntity,
  QuestionEditEntity,
  ChatMessageEntity,
  PollEntity,
  PollOptionEntity,
  PollVoteEntity,
  AttendanceEntity,
  KeyLearningDocumentEntity,
  KeyLearningRevisionEntity,
  KeyLearningVersionEntity,
  KeyLearningFileEntity,
};

export const ENTITIES = [
  CityEntity,
  EventEntity,
  EventDayEntity,
  TrackEntity,
  StreamEntity,
  SpeakerEntity,
  SessionEntity,
  SessionPersonEntity,
  OutgoingMailEntity,
  AccountEntity,
  SignInRequestEntity,
  AuthSessionEntity,
  EventRoleEntity,
  AuditEntryEntity,
  ConsentEntity,
  ScheduleReleaseEntity,
  RegistrationEntity,
  SessionCitySeatEntity,
  InvitationEntity,
  InvitationLinkEntity,
  CalendarFeedEntity,
  QuestionEntity,
  QuestionVoteEntity,
  QuestionEditEntity,
  ChatMessageEntity,
  PollEntity,
  PollOptionEntity,
  PollVoteEntity,
  AttendanceEntity,
  KeyLearningDocumentEntity,
  KeyLearningRevisionEntity,
  KeyLearningVersionEntity,
  KeyLearningFileEntity,
];
export type { MailDataRef } from './outgoing-mail.entity.js';
export type { AuthSessionKind } from './auth-session.entity.js';
