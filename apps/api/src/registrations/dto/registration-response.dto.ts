import {
  type CityRegistrationCount,
  type EventRegistrationCounts,
  type MyRegistrationView,
  REGISTRATION_STATUSES,
  type RegistrationResult,
  type RegistrationStatus,
  type RegistrationView,
  SESSION_STATUSES,
  type SessionCapacityResult,
  type SessionRegistrationCounts,
  type SessionStatus,
} from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

const LIVE = ['confirmed', 'waitlisted'] as const;

export class RegistrationResultDto implements RegistrationResult {
  @ApiProperty({ enum: LIVE }) status!: 'confirmed' | 'waitlisted';
  @ApiProperty({ type: Number, nullable: true, description: '1 = next to get a seat' })
  position!: number | null;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Null: no limit' })
  seatsLeft!: number | null;
}

export class RegistrationViewDto implements RegistrationView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
  @ApiProperty({ type: Number, nullable: true }) seatsLeft!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) waitlistedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
}

export class MyRegistrationDto implements MyRegistrationView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() eventSlug!: string;
  @ApiProperty() eventTitle!: string;
  @ApiProperty() sessionTitle!: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) endsAt!: string;
  @ApiProperty({ example: 'Europe/Brussels' }) timeZone!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) sessionStatus!: SessionStatus;
  @ApiProperty({ enum: LIVE }) status!: 'confirmed' | 'waitlisted';
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}

export class CityRegistrationCountDto implements CityRegistrationCount {
  @ApiProperty({ format: 'uuid' }) cityId!: string;
  @ApiProperty() cityName!: string;
  @ApiProperty() confirmed!: number;
  @ApiProperty() waitlisted!: number;
}

export class SessionRegistrationCountsDto implements SessionRegistrationCounts {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty() confirmed!: number;
  @ApiProperty() waitlisted!: number;
  @ApiProperty({ type: Number, nullable: true }) seatsLeft!: number | null;
  @ApiProperty({ type: Number, nullable: true }) delegationQuota!: number | null;
  @ApiProperty({ type: Number, nullable: true }) effectiveDelegationQuota!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  registrationOpensAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  registrationClosesAt!: string | null;
  @ApiProperty({ type: [CityRegistrationCountDto] }) byCity!: CityRegistrationCountDto[];
}

export class EventRegistrationCountsDto implements EventRegistrationCounts {
  @ApiProperty() eventSlug!: string;
  @ApiProperty({ type: Number, nullable: true }) delegationQuota!: number | null;
  @ApiProperty({ type: [SessionRegistrationCountsDto] })
  sessions!: SessionRegistrationCountsDto[];
}

export class SessionCapacityResultDto
  extends SessionRegistrationCountsDto
  implements SessionCapacityResult
{
  @ApiProperty({ description: 'Waiting people who got a seat through this change' })
  promoted!: number;
}
