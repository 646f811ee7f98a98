import { SESSION_PERSON_ROLES, type SessionPersonRole } from '@app/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionEntity } from './session.entity.js';
import type { SpeakerEntity } from './speaker.entity.js';

@Entity('session_people')
@Index(['sessionId', 'speakerId', 'role'], { unique: true })
export class SessionPersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('SessionEntity', (session: SessionEntity) => session.people, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  @Column({ type: 'uuid' })
  @Index()
  speakerId!: string;

  @ManyToOne('SpeakerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speakerId' })
  speaker?: SpeakerEntity;

  @Column({ type: 'simple-enum', enum: SESSION_PERSON_ROLES })
  role!: SessionPersonRole;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
