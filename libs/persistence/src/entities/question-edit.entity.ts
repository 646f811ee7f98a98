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
import type { QuestionEntity } from './question.entity.js';

/** A moderator's correction of a question's text: what it said before and after. */
@Entity('question_edits')
@Index(['questionId', 'createdAt'])
export class QuestionEditEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  questionId!: string;

  @ManyToOne('QuestionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'questionId' })
  question?: QuestionEntity;

  @Column({ type: 'uuid' })
  editorAccountId!: string;

  @Column({ type: 'text' })
  before!: string;

  @Column({ type: 'text' })
  after!: string;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
