import {
  type MyPollView,
  POLL_KINDS,
  POLL_STATUSES,
  type PollKind,
  type PollOptionView,
  type PollStatus,
} from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class PollOptionViewDto implements PollOptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Plain text' }) label!: string;
  @ApiProperty() votes!: number;
}

export class MyPollViewDto implements MyPollView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ description: 'Plain text' }) question!: string;
  @ApiProperty({ enum: POLL_KINDS }) kind!: PollKind;
  @ApiProperty({ enum: POLL_STATUSES }) status!: PollStatus;
  @ApiProperty({ type: [PollOptionViewDto] }) options!: PollOptionViewDto[];
  @ApiProperty({ description: 'People who voted' }) voters!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({
    type: [String],
    description: 'Options the caller chose (empty when not signed in or not voted)',
  })
  myChoices!: string[];
}
