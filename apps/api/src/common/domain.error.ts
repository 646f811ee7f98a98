/** What went wrong, in the domain's words; one filter maps each code to an HTTP status. */
export enum DomainErrorCode {
  NotFound = 'not_found',
  Conflict = 'conflict',
  InvalidInput = 'invalid_input',
  Forbidden = 'forbidden',
  Unauthorized = 'unauthorized',
  RateLimited = 'rate_limited',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(DomainErrorCode.NotFound, `${what} not found`);
  }
}
