import {
  DOCUMENT_FORMATS,
  type DocumentFormat,
  KEY_LEARNING_SCOPES,
  type KeyLearningScope,
  RENDER_STATES,
  type RenderState,
} from '@app/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { binaryColumn, timestampColumn } from '../column-types.js';
import type { EventEntity } from './event.entity.js';
import type { SessionEntity } from './session.entity.js';

/**
 * The working text of one scope's key learnings (a session, or a day of an event): the
 * rapporteur's notes and the digest compiled from the live room, both Markdown and editable.
 * `revision` counts saves; a save names the revision it started from, so two editors never
 * overwrite each other silently.
 */
@Entity('key_learning_documents')
@Index(['sessionId'], { unique: true })
@Index(['eventId', 'date'], { unique: true })
export class KeyLearningDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'simple-enum', enum: KEY_LEARNING_SCOPES })
  scope!: KeyLearningScope;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne('EventEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId' })
  event?: EventEntity;

  /** Set for a session's document. */
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne('SessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  /** `YYYY-MM-DD`: set for a day's document (the event's day). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  date!: string | null;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ type: 'text', default: '' })
  digest!: string;

  @Column({ ...timestampColumn, nullable: true })
  digestCompiledAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  revision!: number;

  @Column({ ...timestampColumn, nullable: true })
  updatedAt!: Date | null;

  @Column({ type: 'varchar', length: 160, nullable: true })
  updatedBy!: string | null;
}

/** Every save of a document's text: who, when, and what it said. */
@Entity('key_learning_revisions')
@Index(['documentId', 'number'], { unique: true })
export class KeyLearningRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @ManyToOne('KeyLearningDocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: KeyLearningDocumentEntity;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  notes!: string;

  @Column({ type: 'text' })
  digest!: string;

  /** Null for the digest the hub compiled, and once the author's account is erased. */
  @Column({ type: 'uuid', nullable: true })
  authorAccountId!: string | null;

  /** The name shown in the history (the hub's own digest says so). */
  @Column({ type: 'varchar', length: 160 })
  author!: string;

  @Column(timestampColumn)
  createdAt!: Date;
}

/**
 * A published version: the Markdown source frozen at publish time. The worker renders it to
 * files; the mail to registrants goes out once the files exist, once per version.
 */
@Entity('key_learning_versions')
@Index(['documentId', 'number'], { unique: true })
@Index(['renderState'])
export class KeyLearningVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @ManyToOne('KeyLearningDocumentEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: KeyLearningDocumentEntity;

  @Column({ type: 'integer' })
  number!: number;

  /** The document revision it was published from. */
  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 5, default: 'en' })
  language!: string;

  @Column({ type: 'text' })
  markdown!: string;

  @Column({ type: 'uuid', nullable: true })
  publishedByAccountId!: string | null;

  @Column({ type: 'varchar', length: 160 })
  publishedBy!: string;

  @Column(timestampColumn)
  publishedAt!: Date;

  @Column({ type: 'simple-enum', enum: RENDER_STATES, default: 'pending' })
  renderState!: RenderState;

  @Column({ type: 'integer', default: 0 })
  renderAttempts!: number;

  /** Milliseconds the worker took to render all files (measured, for the benchmark). */
  @Column({ type: 'integer', nullable: true })
  renderMs!: number | null;

  @Column({ ...timestampColumn, nullable: true })
  renderedAt!: Date | null;

  /** When the mails to the session's registrants were queued (null: not yet, or a day). */
  @Column({ ...timestampColumn, nullable: true })
  mailQueuedAt!: Date | null;
}

/** One rendered file of a version, stored in the database and served by its id. */
@Entity('key_learning_files')
@Index(['versionId', 'format'], { unique: true })
export class KeyLearningFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @ManyToOne('KeyLearningVersionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'versionId' })
  version?: KeyLearningVersionEntity;

  @Column({ type: 'simple-enum', enum: DOCUMENT_FORMATS })
  format!: DocumentFormat;

  @Column({ type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'varchar', length: 120 })
  fileName!: string;

  @Column({ type: 'integer' })
  bytes!: number;

  /** Hex SHA-256 of the body: the download's ETag. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ ...binaryColumn, select: false })
  body!: Buffer;

  @Column(timestampColumn)
  createdAt!: Date;
}
