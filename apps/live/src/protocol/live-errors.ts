import type { LiveError, LiveErrorCode } from '@app/contracts';
import { DomainError, DomainErrorCode } from '../../../api/src/common/domain.error.js';

const CODES: Record<DomainErrorCode, LiveErrorCode> = {
  [DomainErrorCode.NotFound]: 'not_found',
  [DomainErrorCode.Conflict]: 'conflict',
  [DomainErrorCode.InvalidInput]: 'invalid_input',
  [DomainErrorCode.Forbidden]: 'forbidden',
  [DomainErrorCode.Unauthorized]: 'sign_in_required',
  [DomainErrorCode.RateLimited]: 'rate_limited',
};

/** A refusal the client can show; null for a failure of ours (logged, answered as unavailable). */
export function liveErrorOf(error: unknown): LiveError | null {
  if (!(error instanceof DomainError)) return null;
  return { code: CODES[error.code], message: error.message };
}

export const refusal = (code: LiveErrorCode, message: string) =>
  ({ ok: false, error: { code, message } }) as const;
