import { DomainError, type ErrorCode } from '@mm/graphql-kit';

export const DayOfErrorCode = {
  DAY_OF_CHECK_REQUIRED: 'DAY_OF_CHECK_REQUIRED',
  DAY_OF_CHECK_STALE: 'DAY_OF_CHECK_STALE',
  DAY_OF_CHECK_NOT_PASSING: 'DAY_OF_CHECK_NOT_PASSING',
  MODIFICATIONS_NOT_ACKNOWLEDGED: 'MODIFICATIONS_NOT_ACKNOWLEDGED',
  DAY_OF_ALREADY_ACKNOWLEDGED: 'DAY_OF_ALREADY_ACKNOWLEDGED',
  BOOKING_NOT_AT_DOOR: 'BOOKING_NOT_AT_DOOR',
  VISIT_ALREADY_ENDED: 'VISIT_ALREADY_ENDED',
  GENTLE_ONLY_NOT_AVAILABLE: 'GENTLE_ONLY_NOT_AVAILABLE',
  CONFIRMATION_REQUIRED: 'CONFIRMATION_REQUIRED',
  INTAKE_REQUIRED: 'INTAKE_REQUIRED',
  SESSION_NOT_COMPLETED: 'SESSION_NOT_COMPLETED',
  PRESSURE_ALREADY_REPORTED: 'PRESSURE_ALREADY_REPORTED',
  INCIDENT_ALREADY_RESOLVED: 'INCIDENT_ALREADY_RESOLVED',
} as const satisfies Record<string, ErrorCode>;
export type DayOfErrorCode = (typeof DayOfErrorCode)[keyof typeof DayOfErrorCode];

export class DayOfError extends DomainError {
  constructor(code: DayOfErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'DayOfError';
  }
}
