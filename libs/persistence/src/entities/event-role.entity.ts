import { EVENT_ROLES, type EventRole } from '@app/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';

/** A role of an account in an event; `eventId` null means every event (programme organiser). */
@Entity('event_roles')
@Index(['accountId', 'eventId', 'role'], { unique: true })
export class EventRoleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  @Index()
  accountId!: string;

  @Column({ type: 'uuid', nullable: true })
  @Index()
  eventId!: string | null;

  @Column({ type: 'simple-enum', enum: EVENT_ROLES })
  role!: EventRole;

  @Column({ type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
