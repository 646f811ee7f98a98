import {
  INVITATION_ROLES,
  INVITATION_STATUSES,
  type InvitationRole,
  type InvitationStatus,
} from '@app/contracts';
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
import type { EventEntity } from './event.entity.js';

/** A personal invitation to an event (the Mayors' Summit), answered without a password. */
@Entity('invitations')
@Index(['eventId', 'email'], { unique: true })
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('EventEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId' })
  event?: EventEntity;

  /** Normalised (lower case, trimmed). */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 160 })
  name!: string;

  /** As given by the organiser (CSV), matched to a known city where possible. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  cityName!: string | null;

  @Column({ type: 'uuid', nullable: true })
  cityId!: string | null;

  @Column({ type: 'simple-enum', enum: INVITATION_ROLES })
  role!: InvitationRole;

  @Column({ type: 'simple-enum', enum: INVITATION_STATUSES, default: 'pending' })
  status!: InvitationStatus;

  @Column({ type: 'uuid', nullable: true })
  @Index()
  accountId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @Column({ ...timestampColumn, nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  remindersSent!: number;

  @Column({ ...timestampColumn, nullable: true })
  lastRemindedAt!: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}

/**
 * One answer link per mail sent: the worker mints the token when it writes the mail and keeps
 * only its hash, so every link an invitee received keeps working and a database leak reveals none.
 */
@Entity('invitation_links')
export class InvitationLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  @Index()
  invitationId!: string;

  @ManyToOne('InvitationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitationId' })
  invitation?: InvitationEntity;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
