import { DomainError, type ErrorCode } from '@mm/graphql-kit';
import { ApplicationError } from '../applications/application.errors.ts';
import { DocumentError } from '../documents/document.errors.ts';

/**
 * The screening service's exception type. The pure policies throw their own
 * errors (ApplicationError, DocumentError) so they stay free of GraphQL;
 * `asDomainError` is the one place that turns them into API errors.
 */
export class ScreeningError extends DomainError {
  constructor(code: ErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'ScreeningError';
  }
}

export function asDomainError(error: unknown): unknown {
  if (error instanceof ApplicationError || error instanceof DocumentError) {
    return new ScreeningError(error.code, error.message, { ...error.details });
  }
  return error;
}

/** Runs `fn`, rethrowing policy errors as API errors. */
export async function mapPolicyErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asDomainError(error);
  }
}
