// Stripe's error envelope: `{ error: { type, code, decline_code, message, param, ... } }`.
export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface ErrorBody {
  type: ErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  [extra: string]: unknown;
}

export interface ErrorOptions {
  code?: string;
  param?: string;
  status?: number;
  extra?: Record<string, unknown>;
}

/**
 * An API failure with its HTTP status. `replayable` mirrors Stripe's idempotency
 * rule: results are saved once an endpoint starts executing, but not when the
 * request failed parameter validation (the client may fix and retry the same key).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly replayable: boolean,
  ) {
    super(body.message);
  }

  toJSON(): { error: ErrorBody } {
    return { error: this.body };
  }
}

function build(type: ErrorType, message: string, opts: ErrorOptions, status: number, replayable: boolean) {
  const body: ErrorBody = { type, message };
  if (opts.code !== undefined) {
    body.code = opts.code;
    body.doc_url = `https://stripe.com/docs/error-codes/${opts.code.replace(/_/g, '-')}`;
  }
  if (opts.param !== undefined) body.param = opts.param;
  Object.assign(body, opts.extra);
  return new ApiError(opts.status ?? status, body, replayable);
}

/** A request-level validation failure: never stored under an idempotency key. */
export function paramError(message: string, opts: ErrorOptions = {}): ApiError {
  return build('invalid_request_error', message, opts, 400, false);
}

/** A failure raised while the endpoint executes (state conflicts, missing objects). */
export function invalidRequest(message: string, opts: ErrorOptions = {}): ApiError {
  return build('invalid_request_error', message, opts, 400, true);
}

export function resourceMissing(label: string, id: string, param = 'id', status = 404): ApiError {
  return invalidRequest(`No such ${label}: '${id}'`, { code: 'resource_missing', param, status });
}

export function unexpectedState(object: 'payment_intent' | 'setup_intent', message: string): ApiError {
  return invalidRequest(message, { code: `${object}_unexpected_state` });
}

export function cardError(
  message: string,
  code: string,
  declineCode: string | undefined,
  extra: Record<string, unknown>,
): ApiError {
  const opts: ErrorOptions = { code, status: 402, extra };
  if (declineCode !== undefined) opts.extra = { decline_code: declineCode, ...extra };
  return build('card_error', message, opts, 402, true);
}

export function idempotencyError(message: string, status = 400, code?: string): ApiError {
  const opts: ErrorOptions = { status };
  if (code !== undefined) opts.code = code;
  return build('idempotency_error', message, opts, status, false);
}

/**
 * Stripe answers bad or missing keys with HTTP 401 and type `invalid_request_error`
 * (the SDK maps any 401 to StripeAuthenticationError).
 */
export function authError(message: string): ApiError {
  return build('invalid_request_error', message, {}, 401, false);
}

export function apiError(message: string, status = 500): ApiError {
  return build('api_error', message, {}, status, false);
}
