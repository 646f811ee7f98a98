import type { AttendanceView } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

type Person = AttendanceView['people'][number];

class AttendancePersonDto implements Person {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ type: [String], description: 'Roles in the event; attendee when none' })
  roles!: string[];
  @ApiProperty({ format: 'date-time' }) firstJoinedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty({ description: 'Time in the room; overlapping visits count once' })
  seconds!: number;
}

class CityCountDto {
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty() people!: number;
}

class RoleCountDto {
  @ApiProperty() role!: string;
  @ApiProperty() people!: number;
}

export class AttendanceViewDto implements AttendanceView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: [AttendancePersonDto], description: 'Longest first' })
  people!: AttendancePersonDto[];
  @ApiProperty({ description: 'Visits of viewers who were not signed in' })
  anonymousVisits!: number;
  @ApiProperty({ type: [CityCountDto] }) byCity!: CityCountDto[];
  @ApiProperty({ type: [RoleCountDto] }) byRole!: RoleCountDto[];
}
