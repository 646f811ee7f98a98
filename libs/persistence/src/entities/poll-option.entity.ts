import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PollEntity } from './poll.entity.js';

/** One choice of a poll, in the order the moderator gave. */
@Entity('poll_options')
@Index(['pollId', 'position'], { unique: true })
export class PollOptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  pollId!: string;

  @ManyToOne('PollEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pollId' })
  poll?: PollEntity;

  @Column({ type: 'varchar', length: 120 })
  label!: string;

  @Column({ type: 'integer' })
  position!: number;
}
