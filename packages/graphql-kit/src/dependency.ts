import { isWriteConflict } from '@mm/db';
import { DomainError } from './errors.ts';

// The classifiers live in @mm/db, below every package that needs them.
export { type Dependency, isOverloaded, isWriteConflict, unavailableDependency } from '@mm/db';

/**
 * Runs a transaction again when Postgres aborted it for a serialization
 * failure or a deadlock: the next attempt sees the winner and answers with a
 * domain error (ALREADY_TAKEN, DOUBLE_BOOKED …). Still conflicting after
 * `attempts`, it is a retryable CONFLICT, never INTERNAL_SERVER_ERROR.
 */
export async function retryWriteConflicts<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      if (attempt >= attempts) {
        throw new DomainError('CONFLICT', 'Others changed this at the same moment; retry.', {
          retryable: true,
        });
      }
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
}
