/**
 * @app/documents — rendering of key-learnings documents: one Markdown source becomes a safe HTML
 * body (shown by the api), a standalone HTML page, the Markdown file and a PDF with embedded fonts
 * (written by the worker), plus the headers to serve them; rendering is pure (no Nest, no
 * database, no network). Below it, what a document says: the digest read from a session's live
 * room, the composition of a version's Markdown, and the revision rules api and worker share.
 */
export {
  DOCUMENT_FILE_TYPES,
  type DocumentFormat,
  type RenderInfo,
  type RenderedDocument,
  renderAll,
} from './formats.js';
export { type HtmlDocumentInput, htmlDocument } from './render/html-page.js';
export { markdownToHtml } from './render/markdown-html.js';
export { markdownToPdf, type PdfInfo } from './render/pdf.js';
export {
  type DownloadHeadersInput,
  downloadHeaders,
  safeFileName,
} from './download/content-disposition.js';
// What a document says: the digest of a session's live room, read from the database, and the
// composition of a version's one Markdown source.
export {
  collectDigest,
  type DigestData,
  type DigestPoll,
  type DigestQuestion,
} from './digest/digest-source.js';
export { digestMarkdown, escapeMarkdown, sessionWhen } from './digest/digest-markdown.js';
export { type DocumentWords, documentWords } from './digest/document-words.js';
export {
  composeDocument,
  dayWhen,
  demoteHeadings,
  type DocumentHeading,
  versionMarkdown,
} from './digest/compose.js';
export {
  compileSessionDigest,
  ensureDocument,
  HUB_AUTHOR,
  insertVersion,
  releasedSession,
  type RevisionAuthor,
  saveRevision,
} from './store/key-learning-store.js';
