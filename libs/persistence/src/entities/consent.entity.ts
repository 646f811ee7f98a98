import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';

/** A consent as given: which purpose, which wording (version), when; withdrawn keeps the record. */
@Entity('consents')
@Index(['accountId', 'purpose'])
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'varchar', length: 60 })
  purpose!: string;

  @Column({ type: 'varchar', length: 20 })
  wordingVersion!: string;

  @Column(timestampColumn)
  grantedAt!: Date;

  @Column({ ...timestampColumn, nullable: true })
  withdrawnAt!: Date | null;
}
