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
  METHOD_NOT_ALLOWED: 'Use POST for this request (GET may only carry queries).',
  NOT_ACCEPTABLE:
    'The Accept header asks for a media type the gateway does not send; accept application/graphql-response+json or application/json.',
  UNSUPPORTED_MEDIA_TYPE: 'Send the GraphQL request as application/json.',
  GATEWAY_TRUST_REQUIRED: 'A subgraph was called without the gateway’s signed identity.',
  INTERNAL_SERVER_ERROR: 'An unexpected error on our side; it has been logged.',
  SERVICE_UNAVAILABLE:
    'A part of the platform (the database, Redis or a service) is briefly unreachable; nothing was half-done, retry in a few seconds (`extensions.retryable`).',
  OVERLOADED:
    'The service is handling as many requests as it can right now; nothing was done, retry in a moment (`extensions.retryable`).',
  // generic domain
  UNAUTHENTICATED: 'Sign in first, or the access token has expired.',
  FORBIDDEN: 'The signed-in account may not do this.',
  BAD_USER_INPUT: 'An argument is invalid; `extensions.fields` says which.',
  NOT_FOUND: 'The object does not exist or is not visible to you.',
  CONFLICT: 'The object changed meanwhile; reload and retry.',
  // identity
  EMAIL_TAKEN: 'An account with this email already exists.',
  INVALID_CREDENTIALS:
    'The email or password is wrong (after repeated failures sign-in pauses for a while and the account owner is emailed).',
  PASSWORD_REUSED: 'The new password must differ from the current one.',
  REFRESH_TOKEN_INVALID: 'The refresh token is unknown, expired or revoked; sign in again.',
  REFRESH_TOKEN_REUSED: 'The refresh token was already used; every session of that sign-in is revoked.',
  ADDRESS_NOT_GEOCODABLE: 'The address could not be located; check the postal code.',
  // booking: safety (intake, screening, day-of check)
  INTAKE_REQUIRED: 'Fill in the migraine health intake before booking.',
  INTAKE_RECONFIRMATION_REQUIRED:
    'The migraine intake is older than 90 days or changed since it was last confirmed; review and confirm it before booking.',
  INTAKE_NOT_CURRENT: 'A newer version of the intake exists; confirm the current version.',
  DAY_OF_CHECK_REQUIRED:
    'The session cannot start: no day-of pre-session check is recorded for this booking.',
  DAY_OF_CHECK_STALE: 'The session cannot start: the day-of check is older than 2 hours; run it again.',
  DAY_OF_CHECK_NOT_PASSING:
    'The session cannot start: the latest day-of check is DEFER or REFER (or gentle-only was not chosen).',
  MODIFICATIONS_NOT_ACKNOWLEDGED:
    'The therapist must acknowledge every modification of the day-of check; `extensions.missing` lists them.',
  DAY_OF_ALREADY_ACKNOWLEDGED: 'The modifications of this day-of check were already acknowledged.',
  BOOKING_NOT_AT_DOOR: 'The day-of check runs at the door: the booking must be ARRIVED.',
  VISIT_ALREADY_ENDED: 'The day-of check already ended this visit.',
  GENTLE_ONLY_NOT_AVAILABLE: 'A gentle-only session is not offered for this screening outcome.',
  CONFIRMATION_REQUIRED: 'The client must confirm something first; `extensions.confirmations` lists it.',
  SESSION_NOT_COMPLETED: 'Pressure can be reported only after the session is completed.',
  PRESSURE_ALREADY_REPORTED: 'The pressure for this session was already reported.',
  INCIDENT_ALREADY_RESOLVED: 'This incident was already resolved.',
  // screening
  ILLEGAL_TRANSITION:
    'This action is not allowed in the object’s current state; the message says which states allow it.',
  REASON_REQUIRED: 'This decision needs a reason.',
  NOT_EDITABLE: 'The application can only be edited while it is a draft or more information was requested.',
  APPLICATION_ALREADY_CLAIMED: 'Another admin already claimed this application for review.',
  APPLICATION_CLAIMED_BY_ANOTHER: 'Only the admin who claimed the application may review it.',
  APPLICATION_INCOMPLETE: 'The application is missing required information; `extensions.missing` lists it.',
  APPROVAL_BLOCKED: 'The application cannot be approved yet; `extensions.blockers` lists why.',
  ALREADY_REVIEWED: 'This item was already verified or rejected.',
  DOCUMENT_EMPTY: 'The file is empty.',
  DOCUMENT_TOO_LARGE: 'The file is larger than the upload limit.',
  DOCUMENT_TYPE_NOT_ALLOWED: 'Upload a PDF, JPEG, PNG or HEIC file.',
  DOCUMENT_TYPE_MISMATCH: 'The file’s content does not match its declared type.',
  DOCUMENT_EXECUTABLE: 'Executable files and scripts are not accepted.',
  DOCUMENT_CHECKSUM_MISMATCH: 'The file changed in transit (checksum mismatch); upload it again.',
  DOCUMENT_NOT_UPLOADED: 'The referenced document has not been uploaded yet.',
  DOCUMENT_LINK_INVALID: 'The document link is unknown or expired; open the document again from the console.',
  UPLOAD_TOKEN_INVALID: 'The upload link is unknown, expired or already used; request a new one.',
  // booking: dispatch (bookings, offers, lifecycle, ratings)
  ADDRESS_NOT_FOUND: "We don't have that address on your profile; add it first, or wait a moment and retry.",
  ALREADY_TAKEN: 'Another therapist already accepted this booking.',
  OFFER_EXPIRED: 'The offer expired or the booking is no longer looking for a therapist.',
  DOUBLE_BOOKED: 'The therapist already has a booking at that time (travel buffer included).',
  THERAPIST_NOT_ELIGIBLE:
    'The therapist may not take this booking now (suspended, a license or insurance lapsed, or payouts are off); `extensions.reasons` says why.',
  TOO_SOON: 'The session starts too soon: book at least 60 minutes ahead.',
  TOO_FAR_AHEAD: 'The session is too far ahead: book at most 30 days ahead.',
  INVALID_DURATION: 'A session lasts 60, 90 or 120 minutes.',
  INVALID_TIMEZONE: 'The timezone is not a valid IANA timezone.',
  INVALID_TIP: 'The tip is not one of the presets or exceeds the maximum.',
  INVALID_INPUT: 'The request is not valid; the message says why.',
  INVALID_POLICY: 'A stored price book or policy is invalid; an operator must fix it.',
  INVALID_CANCELLATION: 'This actor cannot cancel with this reason.',
  NO_SHOW_TOO_EARLY: 'A no-show can be recorded only after the 20-minute wait.',
  DAY_OF_CHECK_NOT_CLEAR:
    'The session cannot start: the latest day-of check is REFER or ended the visit; the booking is blocked at the door.',
  EN_ROUTE_TOO_EARLY:
    'It is too early to set off: going en route opens a set time before the start (`extensions.earliestAt`).',
  ARRIVAL_TOO_EARLY:
    'It is too early to check in: arrival opens a set time before the start (`extensions.earliestAt`).',
  SESSION_START_TOO_EARLY:
    'It is too early to start the session: it opens a set time before the booked start (`extensions.earliestAt`).',
  PAYMENT_NOT_HELD:
    'The card is not authorized for this booking yet; authorization was requested, try again in a moment.',
  PAYMENT_AUTHORIZATION_CLOSED:
    'The card can no longer be authorized for this booking (too long past its start); cancel and book again.',
  ALREADY_RATED: 'You already rated this session.',
  RATING_NOT_ALLOWED: 'Only the client or therapist of a completed session can rate it.',
  // care (SESSION_NOT_COMPLETED above is shared: notes and homework also wait for completion)
  NOTE_AMENDMENT_REASON_REQUIRED:
    'The session note is locked (24 hours after the session); an amendment needs a reason and is kept as a new version.',
  HOMEWORK_PAIN_CAP_ABOVE_MAX: 'A homework pain cap can never be above 6 out of 10.',
  HOMEWORK_PAIN_CAP_ABOVE_SESSION_CAP: 'The homework pain cap is above the self-care cap set at the session.',
  HOMEWORK_PLAN_INVALID:
    'The homework plan breaks a catalogue dose or limit; `extensions.violations` says which.',
  HOMEWORK_PLAN_EXISTS: 'This session already has a homework plan; update that plan instead.',
  HOMEWORK_PLAN_TRANSITION_INVALID: 'The homework plan cannot move to that state from its current one.',
  HOMEWORK_PLAN_ENDED: 'The homework plan has ended; it can no longer be changed or logged against.',
  HOMEWORK_ITEM_NOT_IN_PLAN: 'That homework item is not part of this plan.',
  DIARY_ENTRY_INVALID: 'The diary entry is not valid; `extensions.issues` says why.',
  QUESTIONNAIRE_INVALID:
    'The questionnaire answers are incomplete or out of range; `extensions.issues` says which.',
  CADENCE_SUGGESTION_UNAVAILABLE:
    'The suggested session was already booked or replaced by a newer suggestion.',
  CARE_ALERT_ALREADY_ACKNOWLEDGED: 'This care alert was already acknowledged.',
  // payments
  NO_SAVED_CARD: 'There is no saved card to charge; add a card first.',
  CARD_DECLINED: 'The card was declined; the message says why and what to do.',
  PAYMENT_NOT_CAPTURED: 'Nothing has been charged for this booking yet, so this is not possible now.',
  REFUND_EXCEEDS_CAPTURED: 'A refund can never be more than what was charged and not yet refunded.',
  TIP_WINDOW_CLOSED: 'A tip can be added only within 24 hours after the session is completed.',
  TIP_ALREADY_ADDED: 'A tip was already added after this session.',
  PAYMENT_PROVIDER_UNAVAILABLE:
    'The payment provider could not be reached; nothing was charged twice, try again.',
  // notifications
  NOTIFICATION_CHANNEL_UNSUPPORTED: 'Only email notifications are sent; SMS and push are not available yet.',
  // profiles (issue 18): therapist profiles (screening) and reviews (booking)
  INTRA_ORAL_NOT_ENDORSED:
    'Intra-oral work can be offered only with a verified intra-oral endorsement that is valid today.',
  REVIEW_ALREADY_ANSWERED: 'This review was already answered; a therapist answers a review once.',
  REVIEW_NOT_ANSWERABLE: 'Only the reviewed therapist can answer a client review.',
  // choose (issue 18): browse and choose, consultations, messages (booking)
  SCREENING_BLOCKS_BOOKING:
    'Your screening does not allow booking a session now; `extensions.guidance` says what to do instead.',
  CHOICE_THERAPIST_REQUIRED: 'Choosing ANOTHER_THERAPIST needs the therapistId of the therapist to ask.',
  CONSULTATION_NOT_OFFERED: 'This therapist does not offer free consultations.',
  NOT_A_CONSULTATION: 'That booking is not a completed or confirmed consultation of yours.',
  MESSAGING_CLOSED:
    'Messages are open from confirmation until 48 hours after the session ends; this booking is outside that window.',
  MESSAGE_INVALID: 'A message is 1 to 2000 characters of text.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Base of every module's exception; the error formatter maps it to
 * `extensions.code`. A module declares one subclass over the codes it throws:
 *
 *   export const BOOKING_ERRORS = ['TOO_SOON', 'TOO_FAR_AHEAD'] as const satisfies readonly ErrorCode[];
 *   export class BookingError extends DomainError<(typeof BOOKING_ERRORS)[number]> {}
 *
 * The message is the code's sentence above unless the throw site has a more
 * precise one (for codes whose sentence says "the message says why").
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: Record<string, unknown>;

  constructor(code: C, message: string = ERROR_CODES[code], details: Record<string, unknown> = {}) {
    // An answer to the client, not a bug: no stack. It is never logged, and graphql-js reads it for
    // every error it wraps, so capturing and formatting one was most of a turned-away request's cost.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.details = details;
    this.name = new.target.name;
  }
}

/** Codes a module declares that are not in the documented list (empty when all are). */
export const undocumentedCodes = (codes: readonly string[]): string[] =>
  codes.filter((c) => !(c in ERROR_CODES));

export const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Sign in to do this.');
export const forbidden = (message = 'Your account may not do this.') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);
export const badInput = (message: string, fields: { path: string; message: string }[] = []) =>
  new DomainError('BAD_USER_INPUT', message, { fields });
