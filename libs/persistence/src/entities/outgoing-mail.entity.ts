import { MAIL_STATES, type MailState } from '@app/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { timestampColumn } from '../column-types.js';

/** What a mail is about: ids to load at send time, never copies of personal data. */
export interface MailDataRef {
  sessionId?: string;
  /** For update notices: what changed. */
  changes?: Array<'time' | 'place' | 'link'>;
  /** The calendar method of the attached .ics, where there is one. */
  calendar?: 'REQUEST' | 'CANCEL';
  /** For programme notices: the release whose frozen session the mail describes. */
  releaseId?: string;
  /** For Summit invitations and their reminders. */
  invitationId?: string;
  /** For sign-in links: the request whose token the worker mints when it writes the mail. */
  signInRequestId?: string;
  /** For session reminders: whose seat it is, checked again when the mail is written. */
  registrationId?: string;
  /** For session reminders: the start (ISO) it announces; a session that moved makes it void. */
  reminderFor?: string;
  /** For published key learnings: the version the mail announces (and whose PDF it may attach). */
  keyLearningVersionId?: string;
}

/**
 * One row per mail (pretix's model): written in the transaction of the change that causes it,
 * relayed to the queue by id, sent by a worker. Message-ID is fixed at insert so that a resend
 * after a crash is recognisable as the same message.
 */
@Entity('outgoing_mails')
@Index(['state', 'availableAt'])
export class OutgoingMailEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  recipientEmail!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  recipientName!: string;

  @Column({ type: 'varchar', length: 5, default: 'en' })
  locale!: string;

  @Column({ type: 'varchar', length: 64, default: 'Europe/Brussels' })
  timeZone!: string;

  /** The person the mail is for, when they have an account (for export and erasure). */
  @Column({ type: 'uuid', nullable: true })
  @Index()
  accountId!: string | null;

  @Column({ type: 'varchar', length: 60 })
  template!: string;

  @Column({ type: 'simple-json' })
  dataRef!: MailDataRef;

  @Column({ type: 'simple-enum', enum: MAIL_STATES, default: 'queued' })
  state!: MailState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 255, unique: true })
  messageId!: string;

  /** Makes a producer idempotent: the same cause never queues the same mail twice. */
  @Column({ type: 'varchar', length: 200, nullable: true, unique: true })
  dedupeKey!: string | null;

  /** Request or job id of the cause, carried into job and SMTP logs. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  correlationId!: string | null;

  /** Not before: retries back off, reminders wait for their time. */
  @Column(timestampColumn)
  availableAt!: Date;

  /** When the relay last put it on the queue; null means it waits for the relay. */
  @Column({ ...timestampColumn, nullable: true })
  enqueuedAt!: Date | null;

  /** How many times it was put on the queue; part of the job id so a re-queue is a new job. */
  @Column({ type: 'integer', default: 0 })
  enqueueCount!: number;

  /** While `sending`, the lease of the worker that holds it. */
  @Column({ ...timestampColumn, nullable: true })
  lockedUntil!: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt!: Date;
}
