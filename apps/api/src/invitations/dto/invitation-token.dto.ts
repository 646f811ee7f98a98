import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export const INVITATION_ANSWERS = ['accept', 'decline'] as const;
export type InvitationAnswer = (typeof INVITATION_ANSWERS)[number];

/** Any string is looked up: a malformed token is as unknown as a forged one (404). */
export class InvitationTokenDto {
  @ApiProperty({ description: 'The token from the invitation link (after `#token=`)' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

export class InvitationAnswerDto extends InvitationTokenDto {
  @ApiProperty({ enum: INVITATION_ANSWERS })
  @IsIn(INVITATION_ANSWERS)
  answer!: InvitationAnswer;
}
