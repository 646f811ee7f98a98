import { REGISTRATION_STATUSES, type RegistrationStatus } from '@app/contracts';
import {
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

/** An account's place in a session: confirmed, waiting (ordered by `waitlistedAt`) or cancelled. */
@Entity('registrations')
@Index(['sessionId', 'accountId'], { unique: true })
@Index(['sessionId', 'status', 'waitlistedAt'])
export class RegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('SessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  @Column({ type: 'uuid' })
  @Index()
  accountId!: string;

  /** The city whose delegation the seat counts against, if any. */
  @Column({ type: 'uuid', nullable: true })
  cityId!: string | null;

  @Column({ type: 'simple-enum', enum: REGISTRATION_STATUSES })
  status!: RegistrationStatus;

  @Column({ ...timestampColumn, nullable: true })
  waitlistedAt!: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  confirmedAt!: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  cancelledAt!: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt!: Date;
}
