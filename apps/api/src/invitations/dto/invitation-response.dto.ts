import {
  INVITATION_ROLES,
  INVITATION_STATUSES,
  type InvitationImportResult,
  type InvitationListView,
  type InvitationPublicView,
  type InvitationRole,
  type InvitationStatus,
  type InvitationView,
} from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class InvitationDto implements InvitationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ enum: INVITATION_ROLES }) role!: InvitationRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
  @ApiProperty({ format: 'date-time' }) invitedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt!: string | null;
  @ApiProperty() remindersSent!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastRemindedAt!: string | null;
}

export class InvitationCountsDto implements Record<InvitationStatus, number> {
  @ApiProperty() pending!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() declined!: number;
}

export class InvitationListDto implements InvitationListView {
  @ApiProperty({ type: InvitationCountsDto }) counts!: InvitationCountsDto;
  @ApiProperty({ type: [InvitationDto] }) invitations!: InvitationDto[];
}

export class RejectedLineDto {
  @ApiProperty({ description: '1-based line of the file, or position in the list' })
  line!: number;
  @ApiProperty() reason!: string;
}

export class InvitationImportResultDto implements InvitationImportResult {
  @ApiProperty({ description: 'Invitations made; one mail each is on its way' }) invited!: number;
  @ApiProperty({ description: 'Already invited: nothing sent again' }) alreadyInvited!: number;
  @ApiProperty({ type: [RejectedLineDto] }) rejected!: RejectedLineDto[];
}

export class RemindersSentDto {
  @ApiProperty({ description: 'Pending invitations reminded now' }) reminded!: number;
}

export class InvitationPublicDto implements InvitationPublicView {
  @ApiProperty() eventSlug!: string;
  @ApiProperty() eventTitle!: string;
  @ApiProperty({ example: '2026-10-14' }) eventStartDate!: string;
  @ApiProperty({ example: '2026-10-14' }) eventEndDate!: string;
  @ApiProperty({ example: 'Europe/Brussels' }) timeZone!: string;
  @ApiProperty({ type: String, nullable: true }) venue!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INVITATION_ROLES }) role!: InvitationRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
}
