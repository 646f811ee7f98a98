import { TRACK_KINDS, type TrackKind } from '@app/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EventEntity } from './event.entity.js';

@Entity('tracks')
@Index(['eventId', 'slug'], { unique: true })
export class TrackEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('EventEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId' })
  event?: EventEntity;

  @Column({ type: 'varchar', length: 80 })
  slug!: string;

  @Column({ type: 'varchar', length: 160 })
  name!: string;

  @Column({ type: 'simple-enum', enum: TRACK_KINDS })
  kind!: TrackKind;

  /** `#rrggbb`, chosen to keep 4.5:1 contrast with white text. */
  @Column({ type: 'varchar', length: 7 })
  color!: string;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
