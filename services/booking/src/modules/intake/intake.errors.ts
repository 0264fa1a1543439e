import { DomainError, type ErrorCode } from '@mm/graphql-kit';

export const IntakeErrorCode = {
  INTAKE_REQUIRED: 'INTAKE_REQUIRED',
  INTAKE_RECONFIRMATION_REQUIRED: 'INTAKE_RECONFIRMATION_REQUIRED',
  INTAKE_NOT_CURRENT: 'INTAKE_NOT_CURRENT',
} as const satisfies Record<string, ErrorCode>;
export type IntakeErrorCode = (typeof IntakeErrorCode)[keyof typeof IntakeErrorCode];

export class IntakeError extends DomainError {
  constructor(code: IntakeErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'IntakeError';
  }
}
