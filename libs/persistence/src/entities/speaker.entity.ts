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
import type { AvailabilityWindow } from '@app/contracts';
import { timestampColumn } from '../column-types.js';
import type { CityEntity } from './city.entity.js';

/**
 * A person on the programme: speaker, moderator or rapporteur, across events (a mayor's diary is
 * theirs, whatever the event). Name, title, organisation, bio and city are public; email, account
 * and availability are for organisers only.
 */
@Entity('speakers')
export class SpeakerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 160 })
  name!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organisation!: string | null;

  @Column({ type: 'text', nullable: true })
  bio!: string | null;

  @Column({ type: 'uuid', nullable: true })
  cityId!: string | null;

  @ManyToOne('CityEntity', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'cityId' })
  city?: CityEntity | null;

  /** Where programme notices go when the person has no account; organisers only. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @Index()
  accountId!: string | null;

  /** UTC windows in which the person can take part; null or empty means no constraint given. */
  @Column({ type: 'simple-json', nullable: true })
  availability!: AvailabilityWindow[] | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt!: Date;
}
