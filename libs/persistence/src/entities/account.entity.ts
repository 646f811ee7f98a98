import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { timestampColumn } from '../column-types.js';
import type { CityEntity } from './city.entity.js';

/** A person who signed in. Email is stored lowercased; erasure blanks the personal fields. */
@Entity('accounts')
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null once the account is erased. */
  @Column({ type: 'varchar', length: 320, unique: true, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 160, default: '' })
  name!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  organisation!: string;

  @Column({ type: 'uuid', nullable: true })
  cityId!: string | null;

  @ManyToOne('CityEntity', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'cityId' })
  city?: CityEntity | null;

  @Column({ type: 'varchar', length: 5, default: 'en' })
  locale!: string;

  @Column({ type: 'varchar', length: 64, default: 'Europe/Brussels' })
  timeZone!: string;

  /** Whether mails with published key learnings carry the PDF (else only the link). */
  @Column({ type: 'boolean', default: false })
  keyLearningsPdf!: boolean;

  @Column({ ...timestampColumn, nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;

  @UpdateDateColumn(timestampColumn)
  updatedAt!: Date;
}
