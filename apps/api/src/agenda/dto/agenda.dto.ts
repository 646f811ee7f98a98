import type { AgendaItem, AgendaOverlap, CalendarFeedView, MyAgenda } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { MyRegistrationDto } from '../../registrations/dto/registration-response.dto.js';

export class AgendaStreamDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Plenary' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) virtualUrl!: string | null;
}

export class AgendaItemDto extends MyRegistrationDto implements AgendaItem {
  @ApiProperty({ type: AgendaStreamDto, nullable: true }) stream!: AgendaStreamDto | null;
}

export class AgendaOverlapDto implements AgendaOverlap {
  @ApiProperty({
    type: [String],
    minItems: 2,
    maxItems: 2,
    description: 'The session that starts first, then the other',
  })
  sessionIds!: [string, string];
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ description: 'One of the two is a waiting place: a clash only if a seat comes' })
  waitlisted!: boolean;
}

export class MyAgendaDto implements MyAgenda {
  @ApiProperty({ type: [AgendaItemDto], description: 'Confirmed and waiting, by time' })
  items!: AgendaItemDto[];
  @ApiProperty({ type: [AgendaOverlapDto], description: 'Pairs of my sessions that overlap' })
  overlaps!: AgendaOverlapDto[];
}

export class CalendarFeedDto implements CalendarFeedView {
  @ApiProperty({ format: 'uri', description: 'Private: whoever has it can read the feed' })
  url!: string;
  @ApiProperty({ example: 'webcal://hub.example.eu/api/calendar/feeds/….ics' }) webcalUrl!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
