import {
  AUDIENCES,
  type Audience,
  QA_MODES,
  type QaMode,
  SESSION_FORMATS,
  SESSION_STATUSES,
  type SessionFormat,
  type SessionLanguage,
  type SessionStatus,
} from '@app/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { EventDayEntity } from './event-day.entity.js';
import type { EventEntity } from './event.entity.js';
import type { SessionPersonEntity } from './session-person.entity.js';
import type { StreamEntity } from './stream.entity.js';
import type { TrackEntity } from './track.entity.js';

@Entity('sessions')
@Index(['eventId', 'startsAt'])
// The last line of defence against overbooking: whatever code runs, the database refuses it.
@Check(
  'CHK_sessions_seats',
  '"confirmedCount" >= 0 AND ("capacity" IS NULL OR "confirmedCount" <= "capacity")',
)
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('EventEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId' })
  event?: EventEntity;

  @Column({ type: 'uuid', nullable: true })
  dayId!: string | null;

  @ManyToOne('EventDayEntity', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'dayId' })
  day?: EventDayEntity | null;

  @Column({ type: 'uuid', nullable: true })
  trackId!: string | null;

  @ManyToOne('TrackEntity', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'trackId' })
  track?: TrackEntity | null;

  @Column({ type: 'uuid', nullable: true })
  streamId!: string | null;

  @ManyToOne('StreamEntity', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'streamId' })
  stream?: StreamEntity | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  abstract!: string;

  @Column({ type: 'simple-enum', enum: SESSION_FORMATS, default: 'plenary' })
  format!: SessionFormat;

  @Column({ type: 'simple-enum', enum: AUDIENCES })
  audience!: Audience;

  @Column({ type: 'varchar', length: 5, default: 'en' })
  language!: SessionLanguage;

  @Column({ type: 'simple-enum', enum: SESSION_STATUSES, default: 'scheduled' })
  status!: SessionStatus;

  /** Seats; null means no limit beyond the stream's. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  /**
   * Confirmed registrations, kept by the conditional update that takes a seat: counting rows
   * cannot stop two requests from taking the last seat at once, one guarded UPDATE can.
   */
  @Column({ type: 'integer', default: 0 })
  confirmedCount!: number;

  /** Null: registration is open from publication. */
  @Column({ ...timestampColumn, nullable: true })
  registrationOpensAt!: Date | null;

  /** Null: registration stays open until the session ends. */
  @Column({ ...timestampColumn, nullable: true })
  registrationClosesAt!: Date | null;

  /** Seats per city for this session; null falls back to the event's quota. */
  @Column({ type: 'integer', nullable: true })
  delegationQuota!: number | null;

  @Column(timestampColumn)
  startsAt!: Date;

  @Column(timestampColumn)
  endsAt!: Date;

  /** Invented for the demo programme; the interface labels it. */
  @Column({ type: 'boolean', default: false })
  isDemo!: boolean;

  /** iCalendar SEQUENCE as last released: goes up when a release changes time, place or link. */
  @Column({ type: 'integer', default: 0 })
  calendarSequence!: number;

  /** When a release first carried the session; from then on it is cancelled, never deleted. */
  @Column({ ...timestampColumn, nullable: true })
  firstReleasedAt!: Date | null;

  /** Live Q&A: open (questions show at once) or pre-approved (a moderator lets each one in). */
  @Column({ type: 'simple-enum', enum: QA_MODES, default: 'open' })
  qaMode!: QaMode;

  /** A closed Q&A takes no more questions or votes. */
  @Column({ type: 'boolean', default: false })
  qaClosed!: boolean;

  /** The live room's chat; a moderator turns it off and on. */
  @Column({ type: 'boolean', default: true })
  chatEnabled!: boolean;

  @OneToMany('SessionPersonEntity', (person: SessionPersonEntity) => person.session)
  people?: SessionPersonEntity[];

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt!: Date;
}
