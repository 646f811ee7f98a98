/**
 * Key learnings: the versioned summary of a session (or of an event day). The rapporteur writes
 * notes; the hub compiles a digest of the live Q&A, polls and attendance when the session ends;
 * publishing freezes both into a numbered version that the worker renders to HTML, Markdown and PDF.
 */

export const DOCUMENT_FORMATS = ['html', 'md', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const KEY_LEARNING_SCOPES = ['session', 'day'] as const;
export type KeyLearningScope = (typeof KEY_LEARNING_SCOPES)[number];

/** A published version is rendered by the worker; its files exist once it is `ready`. */
export const RENDER_STATES = ['pending', 'ready', 'failed'] as const;
export type RenderState = (typeof RENDER_STATES)[number];

/** Characters of Markdown in the notes and in the digest, each: a digest of 1,000 questions is ~220,000. */
export const KEY_LEARNING_TEXT_MAX = 400_000;

export interface KeyLearningFileView {
  id: string;
  format: DocumentFormat;
  contentType: string;
  fileName: string;
  bytes: number;
  /** Relative to the api: `/api/key-learnings/files/<id>`. */
  url: string;
}

export interface KeyLearningVersionView {
  id: string;
  number: number;
  title: string;
  publishedAt: string;
  publishedBy: string;
  renderState: RenderState;
  files: KeyLearningFileView[];
}

export interface KeyLearningRevisionView {
  number: number;
  author: string;
  createdAt: string;
}

/** What a scope's key learnings are about: a session, or a day of an event. */
export interface KeyLearningSubject {
  scope: KeyLearningScope;
  eventSlug: string;
  eventName: string;
  sessionId: string | null;
  /** `YYYY-MM-DD`, the event's day (a day document, or the session's day). */
  date: string | null;
  title: string;
  audience: 'public' | 'restricted';
}

/** The editor's state: the working text, its revisions and the published versions. */
export interface KeyLearningDraftView {
  subject: KeyLearningSubject;
  notes: string;
  digest: string;
  digestCompiledAt: string | null;
  /** Number of the last saved revision (0 before the first save); sent back with a save. */
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The revision the newest version was published from, if any. */
  publishedRevision: number | null;
  revisions: KeyLearningRevisionView[];
  versions: KeyLearningVersionView[];
  /** The Markdown a publish would freeze now (title, notes, digest): what the preview shows. */
  preview: string;
}

/** What a reader sees: the newest published version as HTML, with its downloads and history. */
export interface KeyLearningPublicView {
  subject: KeyLearningSubject;
  latest: KeyLearningVersionView | null;
  /** The newest version's body as safe HTML (escaped input, no scripts); null before the first. */
  html: string | null;
  versions: KeyLearningVersionView[];
  /** Day documents: the day's sessions and whether each has published key learnings. */
  sessions?: Array<{ sessionId: string; title: string; published: boolean; restricted: boolean }>;
}
