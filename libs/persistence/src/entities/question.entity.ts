import { QUESTION_STATUSES, type QuestionStatus } from '@app/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { SessionEntity } from './session.entity.js';

/** A question asked in the live Q&A of a session; the body is plain text, never HTML. */
@Entity('questions')
// A client that reconnects and sends its question again gets the first row back.
@Index(['authorAccountId', 'sessionId', 'clientId'], { unique: true })
@Index(['sessionId', 'status'])
@Check('CHK_questions_votes', '"voteCount" >= 0')
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('SessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  @Column({ type: 'uuid' })
  authorAccountId!: string;

  /** Hidden from the room, never from moderators. */
  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'simple-enum', enum: QUESTION_STATUSES })
  status!: QuestionStatus;

  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  /** Chosen by the asking client, unique per author and session. */
  @Column({ type: 'varchar', length: 64 })
  clientId!: string;

  /** Kept by a conditional UPDATE in the transaction of each vote row. */
  @Column({ type: 'integer', default: 0 })
  voteCount!: number;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt!: Date;

  @Column({ ...timestampColumn, nullable: true })
  answeredAt!: Date | null;

  /** What the speakers answered, in a moderator's words: plain text, for the key learnings. */
  @Column({ type: 'text', nullable: true })
  answerNote!: string | null;
}
