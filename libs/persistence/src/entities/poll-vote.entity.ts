import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { PollOptionEntity } from './poll-option.entity.js';
import type { PollEntity } from './poll.entity.js';

/**
 * One option chosen by one account. Results are counted from these rows (never kept in a
 * counter), so concurrent votes cannot lose one another.
 */
@Entity('poll_votes')
@Index(['pollId', 'accountId', 'optionId'], { unique: true })
export class PollVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  pollId!: string;

  @ManyToOne('PollEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pollId' })
  poll?: PollEntity;

  @Column({ type: 'uuid' })
  @Index()
  optionId!: string;

  @ManyToOne('PollOptionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'optionId' })
  option?: PollOptionEntity;

  @Column({ type: 'uuid' })
  @Index()
  accountId!: string;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
