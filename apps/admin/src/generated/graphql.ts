/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AcknowledgeCareAlertInput = {
  alertId: string | number;
};

export type AddSafetyCaseNoteInput = {
  /** 1 to 2000 characters. */
  body: string;
  subjectId: string | number;
};

/** What an actor can do to an application (the vetting workflow). */
export type ApplicationAction =
  /** Admin who claimed it: IN_REVIEW → APPROVED (reason required). */
  | 'APPROVE'
  /** Admin: SUBMITTED → IN_REVIEW; only one admin can hold an application. */
  | 'CLAIM'
  /** Admin who claimed it: IN_REVIEW → NEEDS_INFO (reason required). */
  | 'NEEDS_INFO'
  /** Admin: SUSPENDED → APPROVED (reason required). */
  | 'REINSTATE'
  /** Admin who claimed it: IN_REVIEW → REJECTED (reason required). */
  | 'REJECT'
  /** Therapist: NEEDS_INFO → SUBMITTED. */
  | 'RESUBMIT'
  /** Therapist: DRAFT → SUBMITTED. */
  | 'SUBMIT'
  /** Admin: APPROVED → SUSPENDED (reason required). */
  | 'SUSPEND';

export type ApplicationStatus =
  | 'APPROVED'
  | 'DRAFT'
  | 'IN_REVIEW'
  | 'NEEDS_INFO'
  | 'REJECTED'
  | 'SUBMITTED'
  | 'SUSPENDED';

export type AssignSafetyCaseInput = {
  /** An admin's User ID; null unassigns. */
  assigneeId?: string | number | null | undefined;
  subjectId: string | number;
};

export type BackgroundCheckStatus =
  | 'CLEAR'
  | 'CONSIDER'
  | 'EXPIRED'
  | 'PENDING'
  | 'SUSPENDED';

export type BookingState =
  | 'ARRIVED'
  | 'BLOCKED'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'CONFIRMED'
  | 'DRAFT'
  | 'EN_ROUTE'
  | 'EXPIRED'
  | 'IN_SESSION'
  | 'NO_SHOW'
  | 'SCREENED'
  | 'SEARCHING';

export type CareAlertStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN';

export type CredentialKind =
  | 'ACUPRESSURE_TRAINING'
  | 'BOARD_CERTIFICATION'
  | 'CRANIOSACRAL_TRAINING'
  | 'DEEP_TISSUE_TRAINING'
  /** Issued by a jurisdiction and valid only there; required for intra-oral work where the jurisdiction says so. */
  | 'INTRA_ORAL_ENDORSEMENT'
  | 'MLD_CERTIFICATION'
  | 'MYOFASCIAL_TRAINING'
  | 'NEUROMUSCULAR_TRAINING'
  | 'PRENATAL_CERTIFICATION'
  | 'REFLEXOLOGY_TRAINING'
  | 'SWEDISH_TRAINING'
  | 'TRIGGER_POINT_TRAINING';

export type DocumentKind =
  | 'CREDENTIAL'
  | 'INSURANCE'
  | 'LICENSE'
  | 'PHOTO';

export type DocumentReviewDecision =
  | 'REJECTED'
  | 'VERIFIED';

export type IncidentStatus =
  | 'OPEN'
  | 'RESOLVED';

export type PaymentStatus =
  /** Cancelled before any hold; nothing was charged. */
  | 'CANCELLED'
  /** Charged: the session, or a cancellation / no-show fee. */
  | 'CAPTURED'
  /** The charge at the end failed; support follows up. */
  | 'CAPTURE_FAILED'
  /** The amount is authorised on the card, not charged. */
  | 'HELD'
  /** The card was declined; failureReason says why. */
  | 'HOLD_FAILED'
  /** The hold is being placed. */
  | 'PENDING'
  /** The hold was released; nothing was charged. */
  | 'RELEASED'
  /** Far-ahead booking: the card is authorised 48 hours before the start. */
  | 'SCHEDULED';

export type RecordBackgroundCheckInput = {
  applicationId: string | number;
  reason: string;
  /** The provider's or agency's reference. */
  reference?: string | null | undefined;
  status: BackgroundCheckStatus;
};

export type RefreshSessionInput = {
  refreshToken: string;
};

export type RefundPaymentInput = {
  /** Minor units; omit to refund everything not yet refunded. */
  amount?: number | null | undefined;
  bookingId: string | number;
  reason: string;
};

export type ReleaseTherapistApplicationClaimInput = {
  applicationId: string | number;
  /** Required when the claim is another admin's (e.g. one left stuck). */
  reason?: string | null | undefined;
};

export type ResolveOverPressureIncidentInput = {
  incidentId: string | number;
  resolution: string;
};

export type ResolveSafetyAlertInput = {
  alertId: string | number;
};

export type ReviewApplicationItemInput = {
  decision: DocumentReviewDecision;
  /** A License, InsurancePolicy or Credential ID. */
  itemId: string | number;
  reason: string;
};

export type Role =
  | 'ADMIN'
  | 'CLIENT'
  | 'THERAPIST';

export type SafetyRuleOutcome =
  | 'DEFER'
  | 'MODIFY'
  | 'REFER';

export type ScreeningOutcome =
  /** Go; default caps apply. */
  | 'CLEAR'
  /** Go, with the listed limits; the therapist acknowledges them. */
  | 'CLEAR_WITH_MODIFICATIONS'
  /** Not today: reschedule at no fee, or choose gentle-only where allowed. */
  | 'DEFER'
  /** Red flag: see a physician first. The booking is blocked and nothing is charged. */
  | 'REFER';

export type SignInInput = {
  email: string;
  password: string;
};

export type SignOutInput = {
  /** Also end every other session of this account. */
  everywhere?: boolean | null | undefined;
  refreshToken: string;
};

export type TherapistApplicationFilter = {
  /** A verified license or policy expires within this many days. */
  expiringWithinDays?: number | null | undefined;
  /** Holds a license in this ISO 3166-2 jurisdiction. */
  jurisdiction?: string | null | undefined;
  statuses?: Array<ApplicationStatus> | null | undefined;
  submittedAfter?: string | null | undefined;
  submittedBefore?: string | null | undefined;
};

export type TherapistEligibilityInput = {
  /** The session's local date, YYYY-MM-DD. */
  date: string;
  /** The session includes intra-oral work. */
  intraOral?: boolean | null | undefined;
  /** ISO 3166-2 of the session address, e.g. US-NY. */
  jurisdiction: string;
  /** SWEDISH, CRANIOSACRAL, TRIGGER_POINT, MYOFASCIAL_RELEASE, MANUAL_LYMPHATIC_DRAINAGE, PRENATAL, NEUROMUSCULAR, DEEP_TISSUE, ACUPRESSURE, REFLEXOLOGY. */
  modality: string;
  /** The therapist's User ID. */
  therapistId: string | number;
};

export type TherapistGender =
  | 'FEMALE'
  | 'MALE'
  | 'NON_BINARY';

export type TransitionTherapistApplicationInput = {
  action: ApplicationAction;
  applicationId: string | number;
  /** Required for every admin decision except CLAIM. */
  reason?: string | null | undefined;
};

export type VerificationStatus =
  | 'PENDING'
  | 'REJECTED'
  | 'VERIFIED';

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { accessToken: string, refreshToken: string, user: { id: string, email: string | null, role: Role } } };

export type RefreshMutationVariables = Exact<{
  input: RefreshSessionInput;
}>;


export type RefreshMutation = { refreshSession: { accessToken: string, refreshToken: string, user: { id: string, email: string | null, role: Role } } };

export type SignOutMutationVariables = Exact<{
  input: SignOutInput;
}>;


export type SignOutMutation = { signOut: { signedOut: boolean } };

export type SafetyCasesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type SafetyCasesQuery = { safetyCases: Array<{ subjectId: string, assigneeId: string | null, assignedAt: string | null, notes: Array<{ id: string, authorId: string, body: string, at: string }> }> };

export type AssignSafetyCaseMutationVariables = Exact<{
  input: AssignSafetyCaseInput;
}>;


export type AssignSafetyCaseMutation = { assignSafetyCase: { case: { subjectId: string } } };

export type AddSafetyCaseNoteMutationVariables = Exact<{
  input: AddSafetyCaseNoteInput;
}>;


export type AddSafetyCaseNoteMutation = { addSafetyCaseNote: { case: { subjectId: string } } };

export type ApplicationDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ApplicationDetailQuery = { therapistApplication: { id: string, status: ApplicationStatus, legalName: string | null, phone: string | null, gender: TherapistGender | null, timezone: string, claimedAt: string | null, suspendedReason: string | null, lastDecisionReason: string | null, submittedAt: string | null, nextExpiry: string | null, availableActions: Array<ApplicationAction>, therapist: { id: string, email: string | null }, licenses: Array<{ id: string, number: string, type: string, jurisdiction: string, issuedOn: string, expiresOn: string, status: VerificationStatus, reviewReason: string | null, reviewedAt: string | null, document: { id: string, kind: DocumentKind, contentType: string | null, sizeBytes: number | null, signedUrl: string | null } | null }>, insurancePolicies: Array<{ id: string, carrier: string, policyNumber: string, issuedOn: string | null, expiresOn: string, status: VerificationStatus, reviewReason: string | null, reviewedAt: string | null, document: { id: string, kind: DocumentKind, contentType: string | null, sizeBytes: number | null, signedUrl: string | null } | null }>, credentials: Array<{ id: string, kind: CredentialKind, jurisdiction: string | null, issuer: string | null, issuedOn: string | null, status: VerificationStatus, reviewReason: string | null, reviewedAt: string | null, document: { id: string, kind: DocumentKind, contentType: string | null, sizeBytes: number | null, signedUrl: string | null } | null }>, migraineExperience: { years: number, approximateClients: number | null } | null, serviceArea: { latitude: number, longitude: number, radiusKm: number } | null, weeklyAvailability: Array<{ day: number, startMinute: number, endMinute: number }>, availabilityExceptions: Array<{ date: string, windows: Array<{ startMinute: number, endMinute: number }> }>, backgroundCheck: { status: BackgroundCheckStatus, provider: string, reference: string | null, updatedAt: string | null }, claimedBy: { id: string, email: string | null } | null } | null };

export type ApplicationAuditQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type ApplicationAuditQuery = { therapistApplication: { id: string, auditTrail: { edges: Array<{ cursor: string, node: { id: string, at: string, action: string, actorRole: string, before: string | null, after: string | null, actor: { id: string, email: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type ReviewItemMutationVariables = Exact<{
  input: ReviewApplicationItemInput;
}>;


export type ReviewItemMutation = { reviewApplicationItem: { application: { id: string, status: ApplicationStatus } } };

export type RecordBackgroundCheckMutationVariables = Exact<{
  input: RecordBackgroundCheckInput;
}>;


export type RecordBackgroundCheckMutation = { recordBackgroundCheck: { application: { id: string, backgroundCheck: { status: BackgroundCheckStatus } } } };

export type EligibilityQueryVariables = Exact<{
  input: TherapistEligibilityInput;
}>;


export type EligibilityQuery = { therapistEligibility: { eligible: boolean, reasons: Array<{ code: string, message: string }> } };

export type RecentBookingsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type RecentBookingsQuery = { myBookings: { edges: Array<{ node: { id: string, state: BookingState, clientId: string, therapistId: string | null, startsAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SearchBookingsQueryVariables = Exact<{
  clientId?: string | number | null | undefined;
  therapistId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchBookingsQuery = { searchBookings: { edges: Array<{ node: { id: string, state: BookingState, clientId: string, therapistId: string | null, startsAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type BookingMoneyQueryVariables = Exact<{
  id: string | number;
}>;


export type BookingMoneyQuery = { booking: { id: string, state: BookingState, clientId: string, therapistId: string | null, requestedTherapistId: string | null, startsAt: string, endsAt: string, durationMinutes: number, modalities: Array<string>, confirmedAt: string | null, enRouteAt: string | null, arrivedAt: string | null, sessionStartedAt: string | null, completedAt: string | null, screening: { outcome: string, urgent: boolean, guidance: string, modifications: Array<{ code: string, text: string }> } | null, cancellation: { actor: string, reason: string, window: string, explanation: string, fee: { amount: number, currency: string } } | null, quote: { total: { amount: number, currency: string } } } | null };

export type BookingPaymentAndLedgerQueryVariables = Exact<{
  id: string | number;
}>;


export type BookingPaymentAndLedgerQuery = { bookingPayment: { bookingId: string, status: PaymentStatus, failureReason: string | null, held: { amount: number, currency: string }, charged: { amount: number, currency: string }, refunded: { amount: number, currency: string }, tip: { amount: number, currency: string }, platformFee: { amount: number, currency: string }, therapistAmount: { amount: number, currency: string }, transferred: { amount: number, currency: string }, refunds: Array<{ id: string, reason: string, status: string, createdAt: string, amount: { amount: number, currency: string } }> }, bookingLedger: { settled: boolean, balances: Array<{ account: string, balance: { amount: number, currency: string } }>, entries: Array<{ reference: string, kind: string, description: string, occurredAt: string, postings: Array<{ account: string, amount: { amount: number, currency: string } }> }> } };

export type ExplainScreeningQueryVariables = Exact<{
  id: string | number;
}>;


export type ExplainScreeningQuery = { bookingScreening: { decisionId: string, outcome: ScreeningOutcome, ruleSetVersion: string, screenedAt: string, urgent: boolean, guidance: string, pressureCap: number, selfCareCap: number, rules: Array<{ id: string, title: string, outcome: SafetyRuleOutcome, reason: string, condition: string | null }>, modifications: Array<{ key: string, text: string }> } };

export type RefundMutationVariables = Exact<{
  input: RefundPaymentInput;
}>;


export type RefundMutation = { refundPayment: { refund: { id: string, status: string, amount: { amount: number, currency: string } }, payment: { bookingId: string, refunded: { amount: number, currency: string } } } };

export type ReconciliationQueryVariables = Exact<{ [key: string]: never; }>;


export type ReconciliationQuery = { reconciliationReport: { id: string, startedAt: string, finishedAt: string, checked: number, differences: Array<{ bookingId: string | null, check: string, ledger: number | null, stripe: number | null, detail: string }> } | null };

export type RunReconciliationMutationVariables = Exact<{ [key: string]: never; }>;


export type RunReconciliationMutation = { runReconciliation: { report: { id: string, checked: number } } };

export type ExpiryWatchQueryVariables = Exact<{
  within: number;
}>;


export type ExpiryWatchQuery = { expiring: { edges: Array<{ node: { id: string, legalName: string | null, nextExpiry: string | null, therapist: { id: string, email: string | null } } }> }, suspended: { edges: Array<{ node: { id: string, legalName: string | null, suspendedReason: string | null, availableActions: Array<ApplicationAction>, therapist: { id: string, email: string | null }, licenses: Array<{ id: string, expiresOn: string, status: VerificationStatus }>, insurancePolicies: Array<{ id: string, expiresOn: string, status: VerificationStatus }> } }> } };

export type VettingQueueQueryVariables = Exact<{
  filter?: TherapistApplicationFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type VettingQueueQuery = { therapistApplicationCounts: Array<{ status: ApplicationStatus, count: number }>, therapistApplications: { edges: Array<{ cursor: string, node: { id: string, status: ApplicationStatus, legalName: string | null, submittedAt: string | null, nextExpiry: string | null, claimedAt: string | null, availableActions: Array<ApplicationAction>, therapist: { id: string, email: string | null }, licenses: Array<{ id: string, jurisdiction: string }>, claimedBy: { id: string, email: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TransitionMutationVariables = Exact<{
  input: TransitionTherapistApplicationInput;
}>;


export type TransitionMutation = { transitionTherapistApplication: { application: { id: string, status: ApplicationStatus, claimedBy: { id: string } | null } } };

export type ReleaseClaimMutationVariables = Exact<{
  input: ReleaseTherapistApplicationClaimInput;
}>;


export type ReleaseClaimMutation = { releaseTherapistApplicationClaim: { application: { id: string, status: ApplicationStatus, claimedBy: { id: string } | null } } };

export type SafetyAlertsQueryVariables = Exact<{
  unresolvedOnly?: boolean | null | undefined;
}>;


export type SafetyAlertsQuery = { safetyAlerts: { edges: Array<{ node: { id: string, bookingId: string, therapistId: string, kind: string, message: string, raisedAt: string, resolvedAt: string | null } }> } };

export type OverPressureIncidentsQueryVariables = Exact<{
  status?: IncidentStatus | null | undefined;
}>;


export type OverPressureIncidentsQuery = { overPressureIncidents: { edges: Array<{ node: { id: string, bookingId: string, clientId: string, therapistId: string, agreedCap: number, reportedMax: number, status: IncidentStatus, createdAt: string, resolvedAt: string | null, resolution: string | null } }> } };

export type CareAlertsQueryVariables = Exact<{
  status?: CareAlertStatus | null | undefined;
}>;


export type CareAlertsQuery = { careAlerts: { edges: Array<{ node: { id: string, kind: string, severity: string, status: CareAlertStatus, clientId: string, therapistId: string, reason: string, symptoms: Array<string>, createdAt: string, acknowledgedAt: string | null } }> } };

export type ResolveSafetyAlertMutationVariables = Exact<{
  input: ResolveSafetyAlertInput;
}>;


export type ResolveSafetyAlertMutation = { resolveSafetyAlert: { alert: { id: string, resolvedAt: string | null } } };

export type ResolveIncidentMutationVariables = Exact<{
  input: ResolveOverPressureIncidentInput;
}>;


export type ResolveIncidentMutation = { resolveOverPressureIncident: { incident: { id: string, status: IncidentStatus, resolution: string | null } } };

export type AcknowledgeCareAlertMutationVariables = Exact<{
  input: AcknowledgeCareAlertInput;
}>;


export type AcknowledgeCareAlertMutation = { acknowledgeCareAlert: { alert: { id: string, status: CareAlertStatus } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    accessToken
    refreshToken
    user {
      id
      email
      role
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const RefreshDocument = new TypedDocumentString(`
    mutation Refresh($input: RefreshSessionInput!) {
  refreshSession(input: $input) {
    accessToken
    refreshToken
    user {
      id
      email
      role
    }
  }
}
    `) as unknown as TypedDocumentString<RefreshMutation, RefreshMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut($input: SignOutInput!) {
  signOut(input: $input) {
    signedOut
  }
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const SafetyCasesDocument = new TypedDocumentString(`
    query SafetyCases($ids: [ID!]!) {
  safetyCases(subjectIds: $ids) {
    subjectId
    assigneeId
    assignedAt
    notes {
      id
      authorId
      body
      at
    }
  }
}
    `) as unknown as TypedDocumentString<SafetyCasesQuery, SafetyCasesQueryVariables>;
export const AssignSafetyCaseDocument = new TypedDocumentString(`
    mutation AssignSafetyCase($input: AssignSafetyCaseInput!) {
  assignSafetyCase(input: $input) {
    case {
      subjectId
    }
  }
}
    `) as unknown as TypedDocumentString<AssignSafetyCaseMutation, AssignSafetyCaseMutationVariables>;
export const AddSafetyCaseNoteDocument = new TypedDocumentString(`
    mutation AddSafetyCaseNote($input: AddSafetyCaseNoteInput!) {
  addSafetyCaseNote(input: $input) {
    case {
      subjectId
    }
  }
}
    `) as unknown as TypedDocumentString<AddSafetyCaseNoteMutation, AddSafetyCaseNoteMutationVariables>;
export const ApplicationDetailDocument = new TypedDocumentString(`
    query ApplicationDetail($id: ID!) {
  therapistApplication(id: $id) {
    id
    status
    legalName
    phone
    gender
    timezone
    therapist {
      id
      email
    }
    licenses {
      id
      number
      type
      jurisdiction
      issuedOn
      expiresOn
      status
      reviewReason
      reviewedAt
      document {
        id
        kind
        contentType
        sizeBytes
        signedUrl
      }
    }
    insurancePolicies {
      id
      carrier
      policyNumber
      issuedOn
      expiresOn
      status
      reviewReason
      reviewedAt
      document {
        id
        kind
        contentType
        sizeBytes
        signedUrl
      }
    }
    credentials {
      id
      kind
      jurisdiction
      issuer
      issuedOn
      status
      reviewReason
      reviewedAt
      document {
        id
        kind
        contentType
        sizeBytes
        signedUrl
      }
    }
    migraineExperience {
      years
      approximateClients
    }
    serviceArea {
      latitude
      longitude
      radiusKm
    }
    weeklyAvailability {
      day
      startMinute
      endMinute
    }
    availabilityExceptions {
      date
      windows {
        startMinute
        endMinute
      }
    }
    backgroundCheck {
      status
      provider
      reference
      updatedAt
    }
    claimedBy {
      id
      email
    }
    claimedAt
    suspendedReason
    lastDecisionReason
    submittedAt
    nextExpiry
    availableActions
  }
}
    `) as unknown as TypedDocumentString<ApplicationDetailQuery, ApplicationDetailQueryVariables>;
export const ApplicationAuditDocument = new TypedDocumentString(`
    query ApplicationAudit($id: ID!, $after: String) {
  therapistApplication(id: $id) {
    id
    auditTrail(first: 25, after: $after) {
      edges {
        cursor
        node {
          id
          at
          action
          actorRole
          actor {
            id
            email
          }
          before
          after
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApplicationAuditQuery, ApplicationAuditQueryVariables>;
export const ReviewItemDocument = new TypedDocumentString(`
    mutation ReviewItem($input: ReviewApplicationItemInput!) {
  reviewApplicationItem(input: $input) {
    application {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ReviewItemMutation, ReviewItemMutationVariables>;
export const RecordBackgroundCheckDocument = new TypedDocumentString(`
    mutation RecordBackgroundCheck($input: RecordBackgroundCheckInput!) {
  recordBackgroundCheck(input: $input) {
    application {
      id
      backgroundCheck {
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RecordBackgroundCheckMutation, RecordBackgroundCheckMutationVariables>;
export const EligibilityDocument = new TypedDocumentString(`
    query Eligibility($input: TherapistEligibilityInput!) {
  therapistEligibility(input: $input) {
    eligible
    reasons {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<EligibilityQuery, EligibilityQueryVariables>;
export const RecentBookingsDocument = new TypedDocumentString(`
    query RecentBookings($after: String) {
  myBookings(first: 20, after: $after) {
    edges {
      node {
        id
        state
        clientId
        therapistId
        startsAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<RecentBookingsQuery, RecentBookingsQueryVariables>;
export const SearchBookingsDocument = new TypedDocumentString(`
    query SearchBookings($clientId: ID, $therapistId: ID, $after: String) {
  searchBookings(
    clientId: $clientId
    therapistId: $therapistId
    first: 20
    after: $after
  ) {
    edges {
      node {
        id
        state
        clientId
        therapistId
        startsAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SearchBookingsQuery, SearchBookingsQueryVariables>;
export const BookingMoneyDocument = new TypedDocumentString(`
    query BookingMoney($id: ID!) {
  booking(id: $id) {
    id
    state
    clientId
    therapistId
    requestedTherapistId
    startsAt
    endsAt
    durationMinutes
    modalities
    confirmedAt
    enRouteAt
    arrivedAt
    sessionStartedAt
    completedAt
    screening {
      outcome
      urgent
      guidance
      modifications {
        code
        text
      }
    }
    cancellation {
      actor
      reason
      window
      fee {
        amount
        currency
      }
      explanation
    }
    quote {
      total {
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BookingMoneyQuery, BookingMoneyQueryVariables>;
export const BookingPaymentAndLedgerDocument = new TypedDocumentString(`
    query BookingPaymentAndLedger($id: ID!) {
  bookingPayment(bookingId: $id) {
    bookingId
    status
    failureReason
    held {
      amount
      currency
    }
    charged {
      amount
      currency
    }
    refunded {
      amount
      currency
    }
    tip {
      amount
      currency
    }
    platformFee {
      amount
      currency
    }
    therapistAmount {
      amount
      currency
    }
    transferred {
      amount
      currency
    }
    refunds {
      id
      amount {
        amount
        currency
      }
      reason
      status
      createdAt
    }
  }
  bookingLedger(bookingId: $id) {
    settled
    balances {
      account
      balance {
        amount
        currency
      }
    }
    entries {
      reference
      kind
      description
      occurredAt
      postings {
        account
        amount {
          amount
          currency
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BookingPaymentAndLedgerQuery, BookingPaymentAndLedgerQueryVariables>;
export const ExplainScreeningDocument = new TypedDocumentString(`
    query ExplainScreening($id: ID!) {
  bookingScreening(bookingId: $id) {
    decisionId
    outcome
    ruleSetVersion
    screenedAt
    urgent
    guidance
    pressureCap
    selfCareCap
    rules {
      id
      title
      outcome
      reason
      condition
    }
    modifications {
      key
      text
    }
  }
}
    `) as unknown as TypedDocumentString<ExplainScreeningQuery, ExplainScreeningQueryVariables>;
export const RefundDocument = new TypedDocumentString(`
    mutation Refund($input: RefundPaymentInput!) {
  refundPayment(input: $input) {
    refund {
      id
      amount {
        amount
        currency
      }
      status
    }
    payment {
      bookingId
      refunded {
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RefundMutation, RefundMutationVariables>;
export const ReconciliationDocument = new TypedDocumentString(`
    query Reconciliation {
  reconciliationReport {
    id
    startedAt
    finishedAt
    checked
    differences {
      bookingId
      check
      ledger
      stripe
      detail
    }
  }
}
    `) as unknown as TypedDocumentString<ReconciliationQuery, ReconciliationQueryVariables>;
export const RunReconciliationDocument = new TypedDocumentString(`
    mutation RunReconciliation {
  runReconciliation {
    report {
      id
      checked
    }
  }
}
    `) as unknown as TypedDocumentString<RunReconciliationMutation, RunReconciliationMutationVariables>;
export const ExpiryWatchDocument = new TypedDocumentString(`
    query ExpiryWatch($within: Int!) {
  expiring: therapistApplications(
    filter: {statuses: [APPROVED], expiringWithinDays: $within}
    first: 100
    orderBy: {field: NEXT_EXPIRY, direction: ASC}
  ) {
    edges {
      node {
        id
        legalName
        therapist {
          id
          email
        }
        nextExpiry
      }
    }
  }
  suspended: therapistApplications(
    filter: {statuses: [SUSPENDED]}
    first: 100
    orderBy: {field: UPDATED_AT, direction: DESC}
  ) {
    edges {
      node {
        id
        legalName
        therapist {
          id
          email
        }
        suspendedReason
        availableActions
        licenses {
          id
          expiresOn
          status
        }
        insurancePolicies {
          id
          expiresOn
          status
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExpiryWatchQuery, ExpiryWatchQueryVariables>;
export const VettingQueueDocument = new TypedDocumentString(`
    query VettingQueue($filter: TherapistApplicationFilter, $first: Int, $after: String) {
  therapistApplicationCounts {
    status
    count
  }
  therapistApplications(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        status
        legalName
        therapist {
          id
          email
        }
        licenses {
          id
          jurisdiction
        }
        submittedAt
        nextExpiry
        claimedBy {
          id
          email
        }
        claimedAt
        availableActions
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<VettingQueueQuery, VettingQueueQueryVariables>;
export const TransitionDocument = new TypedDocumentString(`
    mutation Transition($input: TransitionTherapistApplicationInput!) {
  transitionTherapistApplication(input: $input) {
    application {
      id
      status
      claimedBy {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TransitionMutation, TransitionMutationVariables>;
export const ReleaseClaimDocument = new TypedDocumentString(`
    mutation ReleaseClaim($input: ReleaseTherapistApplicationClaimInput!) {
  releaseTherapistApplicationClaim(input: $input) {
    application {
      id
      status
      claimedBy {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReleaseClaimMutation, ReleaseClaimMutationVariables>;
export const SafetyAlertsDocument = new TypedDocumentString(`
    query SafetyAlerts($unresolvedOnly: Boolean) {
  safetyAlerts(first: 50, unresolvedOnly: $unresolvedOnly) {
    edges {
      node {
        id
        bookingId
        therapistId
        kind
        message
        raisedAt
        resolvedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SafetyAlertsQuery, SafetyAlertsQueryVariables>;
export const OverPressureIncidentsDocument = new TypedDocumentString(`
    query OverPressureIncidents($status: IncidentStatus) {
  overPressureIncidents(status: $status, first: 50) {
    edges {
      node {
        id
        bookingId
        clientId
        therapistId
        agreedCap
        reportedMax
        status
        createdAt
        resolvedAt
        resolution
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OverPressureIncidentsQuery, OverPressureIncidentsQueryVariables>;
export const CareAlertsDocument = new TypedDocumentString(`
    query CareAlerts($status: CareAlertStatus) {
  careAlerts(status: $status, first: 50) {
    edges {
      node {
        id
        kind
        severity
        status
        clientId
        therapistId
        reason
        symptoms
        createdAt
        acknowledgedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CareAlertsQuery, CareAlertsQueryVariables>;
export const ResolveSafetyAlertDocument = new TypedDocumentString(`
    mutation ResolveSafetyAlert($input: ResolveSafetyAlertInput!) {
  resolveSafetyAlert(input: $input) {
    alert {
      id
      resolvedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ResolveSafetyAlertMutation, ResolveSafetyAlertMutationVariables>;
export const ResolveIncidentDocument = new TypedDocumentString(`
    mutation ResolveIncident($input: ResolveOverPressureIncidentInput!) {
  resolveOverPressureIncident(input: $input) {
    incident {
      id
      status
      resolution
    }
  }
}
    `) as unknown as TypedDocumentString<ResolveIncidentMutation, ResolveIncidentMutationVariables>;
export const AcknowledgeCareAlertDocument = new TypedDocumentString(`
    mutation AcknowledgeCareAlert($input: AcknowledgeCareAlertInput!) {
  acknowledgeCareAlert(input: $input) {
    alert {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<AcknowledgeCareAlertMutation, AcknowledgeCareAlertMutationVariables>;