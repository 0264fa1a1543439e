// Stripe's v1 idempotency layer:
// - the first response for a key is saved once the endpoint starts executing
//   (successes and errors alike, e.g. card declines), then replayed verbatim;
// - parameter-validation failures are not saved, so a corrected retry may reuse the key;
// - a key reused on another endpoint or with other parameters is an idempotency_error;
// - a key whose first request is still executing gets 409 (the SDK retries those);
// - keys are scoped to the API key + Stripe-Account and pruned after 24 hours.
import { type ApiError, idempotencyError } from './errors.ts';

export const KEY_TTL_SECONDS = 24 * 60 * 60;

export interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

export interface KeyRecord {
  endpoint: string;
  params: string;
  createdAt: number;
  response: SavedResponse | null;
}

export type Begin =
  | { kind: 'execute'; finish: (response: SavedResponse | null) => void }
  | { kind: 'replay'; response: SavedResponse }
  | { kind: 'reject'; error: ApiError };

export class IdempotencyStore {
  private readonly records = new Map<string, KeyRecord>();

  /**
   * Claims `key` for a request. `finish(response)` saves the result; `finish(null)`
   * releases the key without saving (validation errors, injected faults).
   */
  begin(scope: string, key: string, endpoint: string, params: string, now: number): Begin {
    if (key.length > 255) {
      return {
        kind: 'reject',
        error: idempotencyError('Idempotency keys can be at most 255 characters long.'),
      };
    }
    const id = `${scope}\u0000${key}`;
    const existing = this.records.get(id);
    if (existing !== undefined && now - existing.createdAt < KEY_TTL_SECONDS) {
      if (existing.endpoint !== endpoint) {
        return {
          kind: 'reject',
          error: idempotencyError(
            `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (existing.params !== params) {
        return {
          kind: 'reject',
          error: idempotencyError(
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (existing.response === null) {
        return {
          kind: 'reject',
          error: idempotencyError(
            `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
            409,
            'idempotency_key_in_use',
          ),
        };
      }
      return { kind: 'replay', response: existing.response };
    }
    const record: KeyRecord = { endpoint, params, createdAt: now, response: null };
    this.records.set(id, record);
    return {
      kind: 'execute',
      finish: (response) => {
        if (response !== null) record.response = response;
        else if (this.records.get(id) === record) this.records.delete(id);
      },
    };
  }

  prune(now: number): void {
    for (const [id, record] of this.records) {
      if (record.response !== null && now - record.createdAt >= KEY_TTL_SECONDS) this.records.delete(id);
    }
  }

  clear(): void {
    this.records.clear();
  }

  /** Saved responses only: a request still executing when the state is saved is not replayed. */
  snapshot(): [string, KeyRecord][] {
    return [...this.records].filter(([, r]) => r.response !== null);
  }

  restore(records: readonly [string, KeyRecord][]): void {
    this.records.clear();
    for (const [id, record] of records) this.records.set(id, { ...record });
  }
}
