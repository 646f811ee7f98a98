import {
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Column,
} from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { QuestionEntity } from './question.entity.js';

/** One upvote of one account; the unique pair makes a second vote a no-op. */
@Entity('question_votes')
@Index(['questionId', 'accountId'], { unique: true })
export class QuestionVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  questionId!: string;

  @ManyToOne('QuestionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'questionId' })
  question?: QuestionEntity;

  @Column({ type: 'uuid' })
  @Index()
  accountId!: string;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
