import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';

/**
 * An account's private calendar feed. The token in its address is kept twice: as its SHA-256, by
 * which requests find the feed, and sealed with the feed key from the configuration, so that the
 * owner can be shown the address again while a copy of the database alone opens no feed.
 */
@Entity('calendar_feeds')
export class CalendarFeedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', unique: true })
  accountId!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 200 })
  sealedToken!: string;

  /** When the current address was made: first use, or the last reset. */
  @Column(timestampColumn)
  createdAt!: Date;
}
