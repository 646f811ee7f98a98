import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';

/** Who changed whose rights, and when. Organisers read it; nobody edits it. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for the command line. */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'uuid', nullable: true })
  targetAccountId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @Index()
  eventId!: string | null;

  @Column({ type: 'simple-json' })
  details!: Record<string, string | number | boolean | null>;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
