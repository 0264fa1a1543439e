/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) { accessToken refreshToken user { id email role } }\n  }\n": typeof types.SignInDocument,
    "\n  mutation Refresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { accessToken refreshToken user { id email role } }\n  }\n": typeof types.RefreshDocument,
    "\n  mutation SignOut($input: SignOutInput!) { signOut(input: $input) { signedOut } }\n": typeof types.SignOutDocument,
    "\n  query SafetyCases($ids: [ID!]!) {\n    safetyCases(subjectIds: $ids) { subjectId assigneeId assignedAt notes { id authorId body at } }\n  }\n": typeof types.SafetyCasesDocument,
    "\n  mutation AssignSafetyCase($input: AssignSafetyCaseInput!) { assignSafetyCase(input: $input) { case { subjectId } } }\n": typeof types.AssignSafetyCaseDocument,
    "\n  mutation AddSafetyCaseNote($input: AddSafetyCaseNoteInput!) { addSafetyCaseNote(input: $input) { case { subjectId } } }\n": typeof types.AddSafetyCaseNoteDocument,
    "\n  query ApplicationDetail($id: ID!) {\n    therapistApplication(id: $id) {\n      id\n      status\n      legalName\n      phone\n      gender\n      timezone\n      therapist { id email }\n      licenses {\n        id number type jurisdiction issuedOn expiresOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      insurancePolicies {\n        id carrier policyNumber issuedOn expiresOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      credentials {\n        id kind jurisdiction issuer issuedOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      migraineExperience { years approximateClients }\n      serviceArea { latitude longitude radiusKm }\n      weeklyAvailability { day startMinute endMinute }\n      availabilityExceptions { date windows { startMinute endMinute } }\n      backgroundCheck { status provider reference updatedAt }\n      claimedBy { id email }\n      claimedAt\n      suspendedReason\n      lastDecisionReason\n      submittedAt\n      nextExpiry\n      availableActions\n    }\n  }\n": typeof types.ApplicationDetailDocument,
    "\n  query ApplicationAudit($id: ID!, $after: String) {\n    therapistApplication(id: $id) {\n      id\n      auditTrail(first: 25, after: $after) {\n        edges { cursor node { id at action actorRole actor { id email } before after } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.ApplicationAuditDocument,
    "\n  mutation ReviewItem($input: ReviewApplicationItemInput!) {\n    reviewApplicationItem(input: $input) { application { id status } }\n  }\n": typeof types.ReviewItemDocument,
    "\n  mutation RecordBackgroundCheck($input: RecordBackgroundCheckInput!) {\n    recordBackgroundCheck(input: $input) { application { id backgroundCheck { status } } }\n  }\n": typeof types.RecordBackgroundCheckDocument,
    "\n  query Eligibility($input: TherapistEligibilityInput!) {\n    therapistEligibility(input: $input) { eligible reasons { code message } }\n  }\n": typeof types.EligibilityDocument,
    "\n  query RecentBookings($after: String) {\n    myBookings(first: 20, after: $after) {\n      edges { node { id state clientId therapistId startsAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.RecentBookingsDocument,
    "\n  query SearchBookings($clientId: ID, $therapistId: ID, $after: String) {\n    searchBookings(clientId: $clientId, therapistId: $therapistId, first: 20, after: $after) {\n      edges { node { id state clientId therapistId startsAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.SearchBookingsDocument,
    "\n  query BookingMoney($id: ID!) {\n    booking(id: $id) {\n      id state clientId therapistId requestedTherapistId startsAt endsAt durationMinutes modalities\n      confirmedAt enRouteAt arrivedAt sessionStartedAt completedAt\n      screening { outcome urgent guidance modifications { code text } }\n      cancellation { actor reason window fee { amount currency } explanation }\n      quote { total { amount currency } }\n    }\n  }\n": typeof types.BookingMoneyDocument,
    "\n  query BookingPaymentAndLedger($id: ID!) {\n    bookingPayment(bookingId: $id) {\n      bookingId status failureReason\n      held { amount currency } charged { amount currency } refunded { amount currency } tip { amount currency }\n      platformFee { amount currency } therapistAmount { amount currency } transferred { amount currency }\n      refunds { id amount { amount currency } reason status createdAt }\n    }\n    bookingLedger(bookingId: $id) {\n      settled\n      balances { account balance { amount currency } }\n      entries { reference kind description occurredAt postings { account amount { amount currency } } }\n    }\n  }\n": typeof types.BookingPaymentAndLedgerDocument,
    "\n  query ExplainScreening($id: ID!) {\n    bookingScreening(bookingId: $id) {\n      decisionId outcome ruleSetVersion screenedAt urgent guidance pressureCap selfCareCap\n      rules { id title outcome reason condition }\n      modifications { key text }\n    }\n  }\n": typeof types.ExplainScreeningDocument,
    "\n  mutation Refund($input: RefundPaymentInput!) {\n    refundPayment(input: $input) { refund { id amount { amount currency } status } payment { bookingId refunded { amount currency } } }\n  }\n": typeof types.RefundDocument,
    "\n  query Reconciliation { reconciliationReport { id startedAt finishedAt checked differences { bookingId check ledger stripe detail } } }\n": typeof types.ReconciliationDocument,
    "\n  mutation RunReconciliation { runReconciliation { report { id checked } } }\n": typeof types.RunReconciliationDocument,
    "\n  query ExpiryWatch($within: Int!) {\n    expiring: therapistApplications(filter: { statuses: [APPROVED], expiringWithinDays: $within }, first: 100, orderBy: { field: NEXT_EXPIRY, direction: ASC }) {\n      edges { node { id legalName therapist { id email } nextExpiry } }\n    }\n    suspended: therapistApplications(filter: { statuses: [SUSPENDED] }, first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      edges {\n        node {\n          id legalName therapist { id email } suspendedReason availableActions\n          licenses { id expiresOn status }\n          insurancePolicies { id expiresOn status }\n        }\n      }\n    }\n  }\n": typeof types.ExpiryWatchDocument,
    "\n  query VettingQueue($filter: TherapistApplicationFilter, $first: Int, $after: String) {\n    therapistApplicationCounts { status count }\n    therapistApplications(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          legalName\n          therapist { id email }\n          licenses { id jurisdiction }\n          submittedAt\n          nextExpiry\n          claimedBy { id email }\n          claimedAt\n          availableActions\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.VettingQueueDocument,
    "\n  mutation Transition($input: TransitionTherapistApplicationInput!) {\n    transitionTherapistApplication(input: $input) { application { id status claimedBy { id } } }\n  }\n": typeof types.TransitionDocument,
    "\n  mutation ReleaseClaim($input: ReleaseTherapistApplicationClaimInput!) {\n    releaseTherapistApplicationClaim(input: $input) { application { id status claimedBy { id } } }\n  }\n": typeof types.ReleaseClaimDocument,
    "\n  query SafetyAlerts($unresolvedOnly: Boolean) {\n    safetyAlerts(first: 50, unresolvedOnly: $unresolvedOnly) {\n      edges { node { id bookingId therapistId kind message raisedAt resolvedAt } }\n    }\n  }\n": typeof types.SafetyAlertsDocument,
    "\n  query OverPressureIncidents($status: IncidentStatus) {\n    overPressureIncidents(status: $status, first: 50) {\n      edges { node { id bookingId clientId therapistId agreedCap reportedMax status createdAt resolvedAt resolution } }\n    }\n  }\n": typeof types.OverPressureIncidentsDocument,
    "\n  query CareAlerts($status: CareAlertStatus) {\n    careAlerts(status: $status, first: 50) {\n      edges { node { id kind severity status clientId therapistId reason symptoms createdAt acknowledgedAt } }\n    }\n  }\n": typeof types.CareAlertsDocument,
    "\n  mutation ResolveSafetyAlert($input: ResolveSafetyAlertInput!) { resolveSafetyAlert(input: $input) { alert { id resolvedAt } } }\n": typeof types.ResolveSafetyAlertDocument,
    "\n  mutation ResolveIncident($input: ResolveOverPressureIncidentInput!) {\n    resolveOverPressureIncident(input: $input) { incident { id status resolution } }\n  }\n": typeof types.ResolveIncidentDocument,
    "\n  mutation AcknowledgeCareAlert($input: AcknowledgeCareAlertInput!) { acknowledgeCareAlert(input: $input) { alert { id status } } }\n": typeof types.AcknowledgeCareAlertDocument,
};
const documents: Documents = {
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) { accessToken refreshToken user { id email role } }\n  }\n": types.SignInDocument,
    "\n  mutation Refresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { accessToken refreshToken user { id email role } }\n  }\n": types.RefreshDocument,
    "\n  mutation SignOut($input: SignOutInput!) { signOut(input: $input) { signedOut } }\n": types.SignOutDocument,
    "\n  query SafetyCases($ids: [ID!]!) {\n    safetyCases(subjectIds: $ids) { subjectId assigneeId assignedAt notes { id authorId body at } }\n  }\n": types.SafetyCasesDocument,
    "\n  mutation AssignSafetyCase($input: AssignSafetyCaseInput!) { assignSafetyCase(input: $input) { case { subjectId } } }\n": types.AssignSafetyCaseDocument,
    "\n  mutation AddSafetyCaseNote($input: AddSafetyCaseNoteInput!) { addSafetyCaseNote(input: $input) { case { subjectId } } }\n": types.AddSafetyCaseNoteDocument,
    "\n  query ApplicationDetail($id: ID!) {\n    therapistApplication(id: $id) {\n      id\n      status\n      legalName\n      phone\n      gender\n      timezone\n      therapist { id email }\n      licenses {\n        id number type jurisdiction issuedOn expiresOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      insurancePolicies {\n        id carrier policyNumber issuedOn expiresOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      credentials {\n        id kind jurisdiction issuer issuedOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      migraineExperience { years approximateClients }\n      serviceArea { latitude longitude radiusKm }\n      weeklyAvailability { day startMinute endMinute }\n      availabilityExceptions { date windows { startMinute endMinute } }\n      backgroundCheck { status provider reference updatedAt }\n      claimedBy { id email }\n      claimedAt\n      suspendedReason\n      lastDecisionReason\n      submittedAt\n      nextExpiry\n      availableActions\n    }\n  }\n": types.ApplicationDetailDocument,
    "\n  query ApplicationAudit($id: ID!, $after: String) {\n    therapistApplication(id: $id) {\n      id\n      auditTrail(first: 25, after: $after) {\n        edges { cursor node { id at action actorRole actor { id email } before after } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.ApplicationAuditDocument,
    "\n  mutation ReviewItem($input: ReviewApplicationItemInput!) {\n    reviewApplicationItem(input: $input) { application { id status } }\n  }\n": types.ReviewItemDocument,
    "\n  mutation RecordBackgroundCheck($input: RecordBackgroundCheckInput!) {\n    recordBackgroundCheck(input: $input) { application { id backgroundCheck { status } } }\n  }\n": types.RecordBackgroundCheckDocument,
    "\n  query Eligibility($input: TherapistEligibilityInput!) {\n    therapistEligibility(input: $input) { eligible reasons { code message } }\n  }\n": types.EligibilityDocument,
    "\n  query RecentBookings($after: String) {\n    myBookings(first: 20, after: $after) {\n      edges { node { id state clientId therapistId startsAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.RecentBookingsDocument,
    "\n  query SearchBookings($clientId: ID, $therapistId: ID, $after: String) {\n    searchBookings(clientId: $clientId, therapistId: $therapistId, first: 20, after: $after) {\n      edges { node { id state clientId therapistId startsAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.SearchBookingsDocument,
    "\n  query BookingMoney($id: ID!) {\n    booking(id: $id) {\n      id state clientId therapistId requestedTherapistId startsAt endsAt durationMinutes modalities\n      confirmedAt enRouteAt arrivedAt sessionStartedAt completedAt\n      screening { outcome urgent guidance modifications { code text } }\n      cancellation { actor reason window fee { amount currency } explanation }\n      quote { total { amount currency } }\n    }\n  }\n": types.BookingMoneyDocument,
    "\n  query BookingPaymentAndLedger($id: ID!) {\n    bookingPayment(bookingId: $id) {\n      bookingId status failureReason\n      held { amount currency } charged { amount currency } refunded { amount currency } tip { amount currency }\n      platformFee { amount currency } therapistAmount { amount currency } transferred { amount currency }\n      refunds { id amount { amount currency } reason status createdAt }\n    }\n    bookingLedger(bookingId: $id) {\n      settled\n      balances { account balance { amount currency } }\n      entries { reference kind description occurredAt postings { account amount { amount currency } } }\n    }\n  }\n": types.BookingPaymentAndLedgerDocument,
    "\n  query ExplainScreening($id: ID!) {\n    bookingScreening(bookingId: $id) {\n      decisionId outcome ruleSetVersion screenedAt urgent guidance pressureCap selfCareCap\n      rules { id title outcome reason condition }\n      modifications { key text }\n    }\n  }\n": types.ExplainScreeningDocument,
    "\n  mutation Refund($input: RefundPaymentInput!) {\n    refundPayment(input: $input) { refund { id amount { amount currency } status } payment { bookingId refunded { amount currency } } }\n  }\n": types.RefundDocument,
    "\n  query Reconciliation { reconciliationReport { id startedAt finishedAt checked differences { bookingId check ledger stripe detail } } }\n": types.ReconciliationDocument,
    "\n  mutation RunReconciliation { runReconciliation { report { id checked } } }\n": types.RunReconciliationDocument,
    "\n  query ExpiryWatch($within: Int!) {\n    expiring: therapistApplications(filter: { statuses: [APPROVED], expiringWithinDays: $within }, first: 100, orderBy: { field: NEXT_EXPIRY, direction: ASC }) {\n      edges { node { id legalName therapist { id email } nextExpiry } }\n    }\n    suspended: therapistApplications(filter: { statuses: [SUSPENDED] }, first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      edges {\n        node {\n          id legalName therapist { id email } suspendedReason availableActions\n          licenses { id expiresOn status }\n          insurancePolicies { id expiresOn status }\n        }\n      }\n    }\n  }\n": types.ExpiryWatchDocument,
    "\n  query VettingQueue($filter: TherapistApplicationFilter, $first: Int, $after: String) {\n    therapistApplicationCounts { status count }\n    therapistApplications(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          legalName\n          therapist { id email }\n          licenses { id jurisdiction }\n          submittedAt\n          nextExpiry\n          claimedBy { id email }\n          claimedAt\n          availableActions\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.VettingQueueDocument,
    "\n  mutation Transition($input: TransitionTherapistApplicationInput!) {\n    transitionTherapistApplication(input: $input) { application { id status claimedBy { id } } }\n  }\n": types.TransitionDocument,
    "\n  mutation ReleaseClaim($input: ReleaseTherapistApplicationClaimInput!) {\n    releaseTherapistApplicationClaim(input: $input) { application { id status claimedBy { id } } }\n  }\n": types.ReleaseClaimDocument,
    "\n  query SafetyAlerts($unresolvedOnly: Boolean) {\n    safetyAlerts(first: 50, unresolvedOnly: $unresolvedOnly) {\n      edges { node { id bookingId therapistId kind message raisedAt resolvedAt } }\n    }\n  }\n": types.SafetyAlertsDocument,
    "\n  query OverPressureIncidents($status: IncidentStatus) {\n    overPressureIncidents(status: $status, first: 50) {\n      edges { node { id bookingId clientId therapistId agreedCap reportedMax status createdAt resolvedAt resolution } }\n    }\n  }\n": types.OverPressureIncidentsDocument,
    "\n  query CareAlerts($status: CareAlertStatus) {\n    careAlerts(status: $status, first: 50) {\n      edges { node { id kind severity status clientId therapistId reason symptoms createdAt acknowledgedAt } }\n    }\n  }\n": types.CareAlertsDocument,
    "\n  mutation ResolveSafetyAlert($input: ResolveSafetyAlertInput!) { resolveSafetyAlert(input: $input) { alert { id resolvedAt } } }\n": types.ResolveSafetyAlertDocument,
    "\n  mutation ResolveIncident($input: ResolveOverPressureIncidentInput!) {\n    resolveOverPressureIncident(input: $input) { incident { id status resolution } }\n  }\n": types.ResolveIncidentDocument,
    "\n  mutation AcknowledgeCareAlert($input: AcknowledgeCareAlertInput!) { acknowledgeCareAlert(input: $input) { alert { id status } } }\n": types.AcknowledgeCareAlertDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) { accessToken refreshToken user { id email role } }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($input: RefreshSessionInput!) {\n    refreshSession(input: $input) { accessToken refreshToken user { id email role } }\n  }\n"): typeof import('./graphql').RefreshDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut($input: SignOutInput!) { signOut(input: $input) { signedOut } }\n"): typeof import('./graphql').SignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SafetyCases($ids: [ID!]!) {\n    safetyCases(subjectIds: $ids) { subjectId assigneeId assignedAt notes { id authorId body at } }\n  }\n"): typeof import('./graphql').SafetyCasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignSafetyCase($input: AssignSafetyCaseInput!) { assignSafetyCase(input: $input) { case { subjectId } } }\n"): typeof import('./graphql').AssignSafetyCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSafetyCaseNote($input: AddSafetyCaseNoteInput!) { addSafetyCaseNote(input: $input) { case { subjectId } } }\n"): typeof import('./graphql').AddSafetyCaseNoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationDetail($id: ID!) {\n    therapistApplication(id: $id) {\n      id\n      status\n      legalName\n      phone\n      gender\n      timezone\n      therapist { id email }\n      licenses {\n        id number type jurisdiction issuedOn expiresOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      insurancePolicies {\n        id carrier policyNumber issuedOn expiresOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      credentials {\n        id kind jurisdiction issuer issuedOn status reviewReason reviewedAt\n        document { id kind contentType sizeBytes signedUrl }\n      }\n      migraineExperience { years approximateClients }\n      serviceArea { latitude longitude radiusKm }\n      weeklyAvailability { day startMinute endMinute }\n      availabilityExceptions { date windows { startMinute endMinute } }\n      backgroundCheck { status provider reference updatedAt }\n      claimedBy { id email }\n      claimedAt\n      suspendedReason\n      lastDecisionReason\n      submittedAt\n      nextExpiry\n      availableActions\n    }\n  }\n"): typeof import('./graphql').ApplicationDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationAudit($id: ID!, $after: String) {\n    therapistApplication(id: $id) {\n      id\n      auditTrail(first: 25, after: $after) {\n        edges { cursor node { id at action actorRole actor { id email } before after } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql').ApplicationAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewItem($input: ReviewApplicationItemInput!) {\n    reviewApplicationItem(input: $input) { application { id status } }\n  }\n"): typeof import('./graphql').ReviewItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordBackgroundCheck($input: RecordBackgroundCheckInput!) {\n    recordBackgroundCheck(input: $input) { application { id backgroundCheck { status } } }\n  }\n"): typeof import('./graphql').RecordBackgroundCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Eligibility($input: TherapistEligibilityInput!) {\n    therapistEligibility(input: $input) { eligible reasons { code message } }\n  }\n"): typeof import('./graphql').EligibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentBookings($after: String) {\n    myBookings(first: 20, after: $after) {\n      edges { node { id state clientId therapistId startsAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').RecentBookingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchBookings($clientId: ID, $therapistId: ID, $after: String) {\n    searchBookings(clientId: $clientId, therapistId: $therapistId, first: 20, after: $after) {\n      edges { node { id state clientId therapistId startsAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').SearchBookingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingMoney($id: ID!) {\n    booking(id: $id) {\n      id state clientId therapistId requestedTherapistId startsAt endsAt durationMinutes modalities\n      confirmedAt enRouteAt arrivedAt sessionStartedAt completedAt\n      screening { outcome urgent guidance modifications { code text } }\n      cancellation { actor reason window fee { amount currency } explanation }\n      quote { total { amount currency } }\n    }\n  }\n"): typeof import('./graphql').BookingMoneyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingPaymentAndLedger($id: ID!) {\n    bookingPayment(bookingId: $id) {\n      bookingId status failureReason\n      held { amount currency } charged { amount currency } refunded { amount currency } tip { amount currency }\n      platformFee { amount currency } therapistAmount { amount currency } transferred { amount currency }\n      refunds { id amount { amount currency } reason status createdAt }\n    }\n    bookingLedger(bookingId: $id) {\n      settled\n      balances { account balance { amount currency } }\n      entries { reference kind description occurredAt postings { account amount { amount currency } } }\n    }\n  }\n"): typeof import('./graphql').BookingPaymentAndLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainScreening($id: ID!) {\n    bookingScreening(bookingId: $id) {\n      decisionId outcome ruleSetVersion screenedAt urgent guidance pressureCap selfCareCap\n      rules { id title outcome reason condition }\n      modifications { key text }\n    }\n  }\n"): typeof import('./graphql').ExplainScreeningDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refund($input: RefundPaymentInput!) {\n    refundPayment(input: $input) { refund { id amount { amount currency } status } payment { bookingId refunded { amount currency } } }\n  }\n"): typeof import('./graphql').RefundDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reconciliation { reconciliationReport { id startedAt finishedAt checked differences { bookingId check ledger stripe detail } } }\n"): typeof import('./graphql').ReconciliationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunReconciliation { runReconciliation { report { id checked } } }\n"): typeof import('./graphql').RunReconciliationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExpiryWatch($within: Int!) {\n    expiring: therapistApplications(filter: { statuses: [APPROVED], expiringWithinDays: $within }, first: 100, orderBy: { field: NEXT_EXPIRY, direction: ASC }) {\n      edges { node { id legalName therapist { id email } nextExpiry } }\n    }\n    suspended: therapistApplications(filter: { statuses: [SUSPENDED] }, first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      edges {\n        node {\n          id legalName therapist { id email } suspendedReason availableActions\n          licenses { id expiresOn status }\n          insurancePolicies { id expiresOn status }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ExpiryWatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VettingQueue($filter: TherapistApplicationFilter, $first: Int, $after: String) {\n    therapistApplicationCounts { status count }\n    therapistApplications(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          legalName\n          therapist { id email }\n          licenses { id jurisdiction }\n          submittedAt\n          nextExpiry\n          claimedBy { id email }\n          claimedAt\n          availableActions\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').VettingQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Transition($input: TransitionTherapistApplicationInput!) {\n    transitionTherapistApplication(input: $input) { application { id status claimedBy { id } } }\n  }\n"): typeof import('./graphql').TransitionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseClaim($input: ReleaseTherapistApplicationClaimInput!) {\n    releaseTherapistApplicationClaim(input: $input) { application { id status claimedBy { id } } }\n  }\n"): typeof import('./graphql').ReleaseClaimDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SafetyAlerts($unresolvedOnly: Boolean) {\n    safetyAlerts(first: 50, unresolvedOnly: $unresolvedOnly) {\n      edges { node { id bookingId therapistId kind message raisedAt resolvedAt } }\n    }\n  }\n"): typeof import('./graphql').SafetyAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverPressureIncidents($status: IncidentStatus) {\n    overPressureIncidents(status: $status, first: 50) {\n      edges { node { id bookingId clientId therapistId agreedCap reportedMax status createdAt resolvedAt resolution } }\n    }\n  }\n"): typeof import('./graphql').OverPressureIncidentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CareAlerts($status: CareAlertStatus) {\n    careAlerts(status: $status, first: 50) {\n      edges { node { id kind severity status clientId therapistId reason symptoms createdAt acknowledgedAt } }\n    }\n  }\n"): typeof import('./graphql').CareAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveSafetyAlert($input: ResolveSafetyAlertInput!) { resolveSafetyAlert(input: $input) { alert { id resolvedAt } } }\n"): typeof import('./graphql').ResolveSafetyAlertDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveIncident($input: ResolveOverPressureIncidentInput!) {\n    resolveOverPressureIncident(input: $input) { incident { id status resolution } }\n  }\n"): typeof import('./graphql').ResolveIncidentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeCareAlert($input: AcknowledgeCareAlertInput!) { acknowledgeCareAlert(input: $input) { alert { id status } } }\n"): typeof import('./graphql').AcknowledgeCareAlertDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
