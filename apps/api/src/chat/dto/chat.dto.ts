import { type ChatMessageView } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class ChatMessageViewDto implements ChatMessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ description: 'The author’s name; “Former participant” once erased' })
  authorName!: string;
  @ApiProperty({ description: 'Plain text' }) body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
