/**
 * BullMQ queues and their jobs. Payloads carry ids only: personal data stays in the database.
 */
export const QUEUES = {
  mail: 'mail',
  maintenance: 'maintenance',
  documents: 'documents',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const MAIL_JOBS = {
  send: 'send-mail',
} as const;

export interface SendMailJob {
  /** Row id in `outgoing_mails`. */
  mailId: string;
  /** The id of the request that queued the mail (its row's `correlationId`), for the logs. */
  correlationId?: string;
}

export const MAINTENANCE_JOBS = {
  retention: 'retention',
} as const;

export const DOCUMENT_JOBS = {
  /** Render a published key-learnings version to its files, then mail its registrants. */
  render: 'render-document',
  /** Compile the digest of sessions that have ended (a job scheduler runs it every minute). */
  digestSweep: 'digest-sweep',
} as const;

export interface RenderDocumentJob {
  /** Row id in `key_learning_versions`. */
  versionId: string;
}

export interface JobPayloads {
  [MAIL_JOBS.send]: SendMailJob;
  [MAINTENANCE_JOBS.retention]: Record<string, never>;
  [DOCUMENT_JOBS.render]: RenderDocumentJob;
  [DOCUMENT_JOBS.digestSweep]: Record<string, never>;
}

export const MAIL_STATES = ['queued', 'sending', 'sent', 'retrying', 'failed'] as const;
export type MailState = (typeof MAIL_STATES)[number];
