import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { SessionEntity } from './session.entity.js';

/**
 * One visit of a session's live room, from join to leave. The live process touches `lastSeenAt`
 * every minute, so the visit of a process that crashed still counts up to its last touch.
 */
@Entity('attendance')
@Index(['sessionId'])
export class AttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('SessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  /** Null for a viewer who was not signed in, and once the account is erased. */
  @Column({ type: 'uuid', nullable: true })
  @Index()
  accountId!: string | null;

  @Column(timestampColumn)
  joinedAt!: Date;

  @Column(timestampColumn)
  lastSeenAt!: Date;

  @Column({ ...timestampColumn, nullable: true })
  leftAt!: Date | null;
}
