/**
 * The one documented list of error codes a client can receive in
 * `errors[].extensions.code`. Codes are stable API: add, never rename.
 */
export const ERROR_CODES = {
  // request and transport
  BAD_REQUEST: 'The request body is not valid JSON or not a GraphQL request.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the gateway accepts.',
  GRAPHQL_PARSE_FAILED: 'The GraphQL document has a syntax error.',
  GRAPHQL_VALIDATION_FAILED: 'The GraphQL document does not match the schema.',
  QUERY_TOO_DEEP: 'The query nests deeper than allowed.',
  TOO_MANY_ALIASES: 'The query uses more aliases than allowed.',
  QUERY_TOO_COMPLEX: 'The query would cost more than allowed.',
  RATE_LIMITED: 'Too many attempts; wait and try again.',
  GATEWAY_TRUST_REQUIRED: 'A subgraph was called without the gateway’s signed identity.',
  INTERNAL_SERVER_ERROR: 'An unexpected error on our side; it has been logged.',
  // generic domain
  UNAUTHENTICATED: 'Sign in first, or the access token has expired.',
  FORBIDDEN: 'The signed-in account may not do this.',
  BAD_USER_INPUT: 'An argument is invalid; `extensions.fields` says which.',
  NOT_FOUND: 'The object does not exist or is not visible to you.',
  CONFLICT: 'The object changed meanwhile; reload and retry.',
  // identity
  EMAIL_TAKEN: 'An account with this email already exists.',
  INVALID_CREDENTIALS: 'The email or password is wrong.',
  REFRESH_TOKEN_INVALID: 'The refresh token is unknown, expired or revoked; sign in again.',
  REFRESH_TOKEN_REUSED: 'The refresh token was already used; every session of that sign-in is revoked.',
  ADDRESS_NOT_GEOCODABLE: 'The address could not be located; check the postal code.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Base of every module's exception; the error formatter maps it to `extensions.code`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Sign in to do this.');
export const forbidden = (message = 'Your account may not do this.') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);
export const badInput = (message: string, fields: { path: string; message: string }[] = []) =>
  new DomainError('BAD_USER_INPUT', message, { fields });
