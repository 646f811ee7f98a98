import {
  EVENT_KINDS,
  type EventDayView,
  type EventDetail,
  type EventKind,
  type EventSummary,
  type StreamView,
  TRACK_KINDS,
  type TrackKind,
  type TrackView,
} from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class EventSummaryDto implements EventSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'icc-city-lab-2020' }) slug!: string;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: EventKind;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ example: 'Europe/Brussels' }) timeZone!: string;
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty({ type: String, nullable: true }) venue!: string | null;
  @ApiProperty({ description: 'Invented content of the demo programme' }) isDemo!: boolean;
}

export class EventDayDto implements EventDayView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() dayNumber!: number;
  @ApiProperty({ example: 'Day 2: Integrating the European Green Deal' }) title!: string;
  @ApiProperty() description!: string;
}

export class TrackDto implements TrackView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TRACK_KINDS }) kind!: TrackKind;
  @ApiProperty({ example: '#1b6e3a' }) color!: string;
}

export class StreamDto implements StreamView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) virtualUrl!: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
}

export class EventDetailDto extends EventSummaryDto implements EventDetail {
  @ApiProperty({ example: 10 }) streamChangeBufferMinutes!: number;
  @ApiProperty({ type: [EventDayDto] }) days!: EventDayDto[];
  @ApiProperty({ type: [TrackDto] }) tracks!: TrackDto[];
  @ApiProperty({ type: [StreamDto] }) streams!: StreamDto[];
}
