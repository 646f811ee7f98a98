import { EVENT_KINDS, type EventKind } from '@app/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { EventDayEntity } from './event-day.entity.js';

@Entity('events')
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 80, unique: true })
  slug!: string;

  @Column({ type: 'simple-enum', enum: EVENT_KINDS })
  kind!: EventKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  summary!: string;

  /** IANA zone in which the programme is planned (Europe/Brussels for ICC). */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  /** `YYYY-MM-DD` in the event's zone. */
  @Column({ type: 'varchar', length: 10 })
  startDate!: string;

  @Column({ type: 'varchar', length: 10 })
  endDate!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  venue!: string | null;

  /** Minutes a person needs to move from one stream to another (conflict detection). */
  @Column({ type: 'integer', default: 10 })
  streamChangeBufferMinutes!: number;

  /** Seats per city in each city session, unless the session sets its own; null: no limit. */
  @Column({ type: 'integer', nullable: true })
  delegationQuota!: number | null;

  /** Invented content for the demo programme, shown as such in the interface. */
  @Column({ type: 'boolean', default: false })
  isDemo!: boolean;

  @OneToMany('EventDayEntity', (day: EventDayEntity) => day.event)
  days?: EventDayEntity[];

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt!: Date;
}
