import { DomainError, type ErrorCode } from '@mm/graphql-kit';

/** Messages between a booking's client and its therapist (issue 18). */
export const MESSAGE_ERRORS = ['MESSAGING_CLOSED', 'MESSAGE_INVALID'] as const satisfies readonly ErrorCode[];
export type MessageErrorCode = (typeof MESSAGE_ERRORS)[number];

export class MessageError extends DomainError<MessageErrorCode> {}
