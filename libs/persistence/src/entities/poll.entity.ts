import { POLL_KINDS, POLL_STATUSES, type PollKind, type PollStatus } from '@app/contracts';
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
import type { SessionEntity } from './session.entity.js';

/** A poll a moderator opened in the live room of a session. */
@Entity('polls')
@Index(['sessionId', 'createdAt'])
export class PollEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('SessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'simple-enum', enum: POLL_KINDS })
  kind!: PollKind;

  @Column({ type: 'simple-enum', enum: POLL_STATUSES, default: 'open' })
  status!: PollStatus;

  @Column({ type: 'uuid' })
  createdByAccountId!: string;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @Column({ ...timestampColumn, nullable: true })
  closedAt!: Date | null;
}
