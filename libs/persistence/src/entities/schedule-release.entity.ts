import type { ReleaseDiff, ReleaseSnapshot } from '@app/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { EventEntity } from './event.entity.js';

/**
 * A frozen, numbered schedule of an event (pretalx's model). The draft is the live `sessions`
 * table; the public sees the latest release only. The unique (event, number) pair makes two
 * concurrent publishes of the same draft collide instead of both landing.
 */
@Entity('schedule_releases')
@Index(['eventId', 'number'], { unique: true })
export class ScheduleReleaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('EventEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId' })
  event?: EventEntity;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ type: 'simple-json' })
  snapshot!: ReleaseSnapshot;

  @Column({ type: 'simple-json' })
  diff!: ReleaseDiff;

  /** Why an organiser published over hard conflicts; null when there were none. */
  @Column({ type: 'text', nullable: true })
  overrideReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column(timestampColumn)
  publishedAt!: Date;
}
