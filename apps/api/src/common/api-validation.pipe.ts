import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';

/** Deeper than any body or query the api takes; far below what recursion can survive. */
export const MAX_INPUT_DEPTH = 32;

/** A lone (unpaired) UTF-16 surrogate: text that is not Unicode and has no UTF-8 form. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What is wrong with a request's body, query or path parameters before any DTO sees them, or null:
 * nesting deeper than {@link MAX_INPUT_DEPTH} (class-transformer and class-validator recurse on it
 * and overflow the stack), a lone surrogate (validator.js's `encodeURI` throws on it, UTF-8 cannot
 * encode it), or for a path a NUL character (no id or slug has one, and PostgreSQL cannot compare
 * text with it). Walks the value without recursion, so any depth is safe to inspect.
 */
export function inputProblem(value: unknown, what: string): string | null {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return `${what} must be valid Unicode text`;
      if (what === 'path' && current.includes('\u0000')) return 'path must not contain NUL';
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) return `${what} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
    if (Array.isArray(current)) {
      for (const item of current as unknown[]) pending.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(current)) pending.push([key, 0], [item, depth + 1]);
  }
  return null;
}

/**
 * The value with NUL characters removed from its strings and keys. PostgreSQL text cannot hold
 * NUL, and no text the api takes means anything by it: it goes, as the Q&A and chat text rules
 * already had it go. Only for values {@link inputProblem} accepted (depth bounded).
 */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replace(/\0/g, '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [withoutNul(key) as string, withoutNul(item)]),
  );
}

/**
 * The api's ValidationPipe: refuses inputs no DTO can take ({@link inputProblem}) with a 400
 * before class-transformer and class-validator walk them, removes NUL characters from body and
 * query text ({@link withoutNul}), then validates as usual.
 */
export class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata) as Promise<unknown>;
    const problem = inputProblem(value, metadata.type === 'param' ? 'path' : metadata.type);
    if (problem) throw new BadRequestException(problem);
    return super.transform(withoutNul(value), metadata) as Promise<unknown>;
  }
}
