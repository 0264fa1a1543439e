import { DomainError, type ErrorCode } from '@mm/graphql-kit';

export const ScreeningErrorCode = {
  INTAKE_REQUIRED: 'INTAKE_REQUIRED',
  INTAKE_RECONFIRMATION_REQUIRED: 'INTAKE_RECONFIRMATION_REQUIRED',
  GENTLE_ONLY_NOT_AVAILABLE: 'GENTLE_ONLY_NOT_AVAILABLE',
} as const satisfies Record<string, ErrorCode>;
export type ScreeningErrorCode = (typeof ScreeningErrorCode)[keyof typeof ScreeningErrorCode];

export class ScreeningError extends DomainError {
  constructor(code: ScreeningErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'ScreeningError';
  }
}
