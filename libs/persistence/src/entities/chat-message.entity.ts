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

/** A chat message in the live room of a session; the body is plain text, never HTML. */
@Entity('chat_messages')
// A client that reconnects and sends its message again gets the first row back.
@Index(['authorAccountId', 'sessionId', 'clientId'], { unique: true })
@Index(['sessionId', 'createdAt'])
export class ChatMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('SessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  /** Kept when the author's account is erased: the room then shows a former participant. */
  @Column({ type: 'uuid' })
  @Index()
  authorAccountId!: string;

  /** Chosen by the sending client, unique per author and session. */
  @Column({ type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Set by a moderator; the room no longer shows the message. */
  @Column({ ...timestampColumn, nullable: true })
  removedAt!: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
