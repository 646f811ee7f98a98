import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';

/**
 * A request for a sign-in link. The token itself is made by the worker when it writes the mail,
 * and only its SHA-256 is stored: neither the database, the queue nor a log ever holds it.
 */
@Entity('sign_in_requests')
export class SignInRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  @Index()
  email!: string;

  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  tokenHash!: string | null;

  @Column({ ...timestampColumn, nullable: true })
  expiresAt!: Date | null;

  @Column({ ...timestampColumn, nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
