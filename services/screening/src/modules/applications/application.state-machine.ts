import { ApplicationError, ApplicationErrorCode } from './application.errors.ts';

/**
 * The therapist vetting workflow.
 *
 * ```
 * DRAFT ─submit→ SUBMITTED ─claim→ IN_REVIEW ─approve→ APPROVED ─suspend→ SUSPENDED
 *                   ▲                 │ reject → REJECTED         ▲           │
 *                   │ resubmit        │ needsInfo                 └─reinstate─┘
 *               NEEDS_INFO ←──────────┘
 * ```
 *
 * - submit / resubmit: only the therapist who owns the application;
 * - claim: an admin takes a submitted application into review;
 * - approve, reject, needsInfo: an admin, with a non-empty reason;
 * - suspend, reinstate: an admin or the SYSTEM (the expiry job, see
 *   expiry.policy.ts), with a non-empty reason.
 *
 * Checks run in this order: FORBIDDEN (who) → ILLEGAL_TRANSITION (state) →
 * REASON_REQUIRED, so an actor who may never take an action learns nothing
 * about the application's state.
 */
export const APPLICATION_STATES = [
  'DRAFT',
  'SUBMITTED',
  'IN_REVIEW',
  'APPROVED',
  'REJECTED',
  'NEEDS_INFO',
  'SUSPENDED',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export type ApplicationActor =
  | { readonly kind: 'THERAPIST'; readonly therapistId: string }
  | { readonly kind: 'ADMIN'; readonly adminId: string }
  | { readonly kind: 'SYSTEM' };

/** OWNER = the therapist whose application it is. */
export type ApplicationRole = 'OWNER' | 'ADMIN' | 'SYSTEM';

export interface ApplicationTransitionRule {
  readonly from: readonly ApplicationState[];
  readonly to: ApplicationState;
  readonly roles: readonly ApplicationRole[];
  readonly reasonRequired: boolean;
}

export const APPLICATION_TRANSITIONS = {
  submit: { from: ['DRAFT'], to: 'SUBMITTED', roles: ['OWNER'], reasonRequired: false },
  resubmit: { from: ['NEEDS_INFO'], to: 'SUBMITTED', roles: ['OWNER'], reasonRequired: false },
  claim: { from: ['SUBMITTED'], to: 'IN_REVIEW', roles: ['ADMIN'], reasonRequired: false },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED', roles: ['ADMIN'], reasonRequired: true },
  reject: { from: ['IN_REVIEW'], to: 'REJECTED', roles: ['ADMIN'], reasonRequired: true },
  needsInfo: { from: ['IN_REVIEW'], to: 'NEEDS_INFO', roles: ['ADMIN'], reasonRequired: true },
  suspend: { from: ['APPROVED'], to: 'SUSPENDED', roles: ['ADMIN', 'SYSTEM'], reasonRequired: true },
  reinstate: { from: ['SUSPENDED'], to: 'APPROVED', roles: ['ADMIN', 'SYSTEM'], reasonRequired: true },
} as const satisfies Record<string, ApplicationTransitionRule>;

export type ApplicationAction = keyof typeof APPLICATION_TRANSITIONS;
export const APPLICATION_ACTIONS = Object.keys(APPLICATION_TRANSITIONS) as ApplicationAction[];

/** The therapist may change the application's content only in these states. */
export const EDITABLE_APPLICATION_STATES: readonly ApplicationState[] = ['DRAFT', 'NEEDS_INFO'];

export interface ApplicationRef {
  readonly state: ApplicationState;
  readonly therapistId: string;
}

/** What to store in the application's history. */
export interface ApplicationDecision {
  readonly action: ApplicationAction;
  readonly from: ApplicationState;
  readonly to: ApplicationState;
  readonly actor: ApplicationActor;
  /** Trimmed; null when none was given. */
  readonly reason: string | null;
}

export function isApplicationAction(value: string): value is ApplicationAction {
  return Object.hasOwn(APPLICATION_TRANSITIONS, value);
}

export function roleOf(application: ApplicationRef, actor: ApplicationActor): ApplicationRole | null {
  switch (actor.kind) {
    case 'ADMIN':
      return 'ADMIN';
    case 'SYSTEM':
      return 'SYSTEM';
    case 'THERAPIST':
      // Another therapist has no role at all on this application.
      return actor.therapistId === application.therapistId ? 'OWNER' : null;
  }
}

/** The decision to store, or an ApplicationError (FORBIDDEN, ILLEGAL_TRANSITION, REASON_REQUIRED). */
export function applyApplicationAction(
  application: ApplicationRef,
  action: ApplicationAction,
  input: { readonly actor: ApplicationActor; readonly reason?: string | null },
): ApplicationDecision {
  const rule: ApplicationTransitionRule | undefined = isApplicationAction(action)
    ? APPLICATION_TRANSITIONS[action]
    : undefined;
  const { state } = application;
  if (rule === undefined) {
    throw new ApplicationError(ApplicationErrorCode.ILLEGAL_TRANSITION, `Unknown action ${action}.`, {
      action,
    });
  }
  const role = roleOf(application, input.actor);
  if (role === null || !rule.roles.includes(role)) {
    throw new ApplicationError(
      ApplicationErrorCode.FORBIDDEN,
      `Only ${rule.roles.map(describeRole).join(' or ')} can ${action} an application.`,
      { action, actor: input.actor.kind },
    );
  }
  if (!rule.from.includes(state)) {
    throw new ApplicationError(
      ApplicationErrorCode.ILLEGAL_TRANSITION,
      `Cannot ${action} an application that is ${state} (allowed from: ${rule.from.join(', ')})`,
      { action, state, allowedFrom: rule.from },
    );
  }
  const reason = input.reason?.trim() || null;
  if (rule.reasonRequired && reason === null) {
    throw new ApplicationError(
      ApplicationErrorCode.REASON_REQUIRED,
      `A reason is required to ${action} an application.`,
      {
        action,
      },
    );
  }
  return { action, from: state, to: rule.to, actor: input.actor, reason };
}

/** Throws FORBIDDEN unless the owner edits, NOT_EDITABLE unless the state allows editing. */
export function assertCanEdit(application: ApplicationRef, actor: ApplicationActor): void {
  if (roleOf(application, actor) !== 'OWNER') {
    throw new ApplicationError(
      ApplicationErrorCode.FORBIDDEN,
      'Only the therapist who owns the application can edit it.',
    );
  }
  if (!isEditable(application.state)) {
    throw new ApplicationError(
      ApplicationErrorCode.NOT_EDITABLE,
      `The application is ${application.state}; it can be edited only while DRAFT or NEEDS_INFO.`,
      { state: application.state },
    );
  }
}

export function isEditable(state: ApplicationState): boolean {
  return EDITABLE_APPLICATION_STATES.includes(state);
}

/** Actions this actor could take now (for UIs); reasons are not checked. */
export function availableActions(application: ApplicationRef, actor: ApplicationActor): ApplicationAction[] {
  const role = roleOf(application, actor);
  return APPLICATION_ACTIONS.filter((action) => {
    const rule: ApplicationTransitionRule = APPLICATION_TRANSITIONS[action];
    return role !== null && rule.roles.includes(role) && rule.from.includes(application.state);
  });
}

function describeRole(role: ApplicationRole): string {
  return role === 'OWNER' ? 'the therapist who owns it' : role === 'ADMIN' ? 'an admin' : 'the system';
}
