/**
 * Whether an If-None-Match header names the current representation (RFC 9110 section 13.1.2):
 * a list of entity tags compared weakly, so `W/"x"` matches `"x"`, or `*`.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const current = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === current);
}
