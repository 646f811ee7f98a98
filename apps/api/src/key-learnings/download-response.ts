import { downloadHeaders } from '@app/documents';
import type { DownloadFile } from './key-learnings.service.js';

/**
 * The headers of a key-learnings file. A file never changes (a new version is a new file), so
 * a public one may be kept by any cache for a year and a restricted one only by the reader's
 * browser, revalidated by its ETag. An HTML page runs no script and loads nothing, even when
 * opened straight from the api's origin.
 */
export function downloadResponse(
  file: Pick<DownloadFile, 'fileName' | 'contentType' | 'sha256' | 'public' | 'format'>,
  attachment: boolean,
): { etag: string; headers: Record<string, string> } {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    ...downloadHeaders({
      fileName: file.fileName,
      contentType: file.contentType,
      disposition: attachment || file.format === 'md' ? 'attachment' : 'inline',
    }),
    etag,
    'cache-control': file.public ? 'public, max-age=31536000, immutable' : 'private, no-cache',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    'x-robots-tag': file.public ? 'all' : 'noindex',
  };
  if (!file.public) headers.vary = 'Cookie, Authorization';
  return { etag, headers };
}
