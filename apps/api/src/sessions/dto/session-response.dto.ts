import {
  AUDIENCES,
  type Audience,
  SESSION_FORMATS,
  SESSION_LANGUAGES,
  SESSION_PERSON_ROLES,
  SESSION_STATUSES,
  type SessionDetail,
  type SessionFormat,
  type SessionLanguage,
  type SessionPersonRole,
  type SessionPersonView,
  type SessionStatus,
  type SessionView,
  type SpeakerDetailView,
} from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { EventDayDto, StreamDto, TrackDto } from '../../events/dto/event-response.dto.js';

export class SessionPersonDto implements SessionPersonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisation!: string | null;
  @ApiProperty({ enum: SESSION_PERSON_ROLES }) role!: SessionPersonRole;
}

export class SpeakerDetailDto extends SessionPersonDto implements SpeakerDetailView {
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
}

export class SessionDto implements SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() eventSlug!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dayId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) trackId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) streamId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() abstract!: string;
  @ApiProperty({ enum: SESSION_FORMATS }) format!: SessionFormat;
  @ApiProperty({ enum: AUDIENCES }) audience!: Audience;
  @ApiProperty({ enum: SESSION_LANGUAGES }) language!: SessionLanguage;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Free seats now; null = no limit' })
  seatsLeft!: number | null;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) endsAt!: string;
  @ApiProperty({ example: 'Europe/Brussels', description: "The event's time zone" })
  timeZone!: string;
  @ApiProperty() isDemo!: boolean;
  @ApiProperty({ type: [SessionPersonDto] }) people!: SessionPersonDto[];
}

export class SessionDetailDto extends SessionDto implements SessionDetail {
  @ApiProperty({ type: TrackDto, nullable: true }) track!: TrackDto | null;
  @ApiProperty({ type: StreamDto, nullable: true }) stream!: StreamDto | null;
  @ApiProperty({ type: EventDayDto, nullable: true }) day!: EventDayDto | null;
  @ApiProperty({ type: [SpeakerDetailDto] }) declare people: SpeakerDetailDto[];
}
