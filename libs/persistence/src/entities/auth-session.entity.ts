import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';

export type AuthSessionKind = 'browser' | 'api';

/** A browser session (cookie) or an API token (bearer). Only the secret's SHA-256 is stored. */
@Entity('auth_sessions')
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  @Index()
  accountId!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  secretHash!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: AuthSessionKind;

  /** For API tokens: the owner's label. */
  @Column({ type: 'varchar', length: 100, default: '' })
  label!: string;

  /** Double-submit token for cookie-authenticated writes. */
  @Column({ type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column(timestampColumn)
  expiresAt!: Date;

  @Column({ ...timestampColumn, nullable: true })
  revokedAt!: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
