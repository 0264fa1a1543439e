import { describe, expect, it } from 'vitest';
import { ApplicationError, type ApplicationErrorCode } from './application.errors.ts';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  type ApplicationAction,
  type ApplicationActor,
  type ApplicationState,
  applyApplicationAction,
  assertCanEdit,
  availableActions,
  isEditable,
} from './application.state-machine.ts';

const OWNER_ID = 'ther_owner';
const ACTORS = {
  OWNER: { kind: 'THERAPIST', therapistId: OWNER_ID },
  OTHER_THERAPIST: { kind: 'THERAPIST', therapistId: 'ther_other' },
  ADMIN: { kind: 'ADMIN', adminId: 'adm_1' },
  SYSTEM: { kind: 'SYSTEM' },
} as const satisfies Record<string, ApplicationActor>;
type ActorName = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

// Written by hand, independently of APPLICATION_TRANSITIONS.
const LEGAL: Record<ApplicationState, Partial<Record<ApplicationAction, ApplicationState>>> = {
  DRAFT: { submit: 'SUBMITTED' },
  SUBMITTED: { claim: 'IN_REVIEW' },
  IN_REVIEW: { approve: 'APPROVED', reject: 'REJECTED', needsInfo: 'NEEDS_INFO' },
  APPROVED: { suspend: 'SUSPENDED' },
  REJECTED: {},
  NEEDS_INFO: { resubmit: 'SUBMITTED' },
  SUSPENDED: { reinstate: 'APPROVED' },
};
const WHO: Record<ApplicationAction, ActorName[]> = {
  submit: ['OWNER'],
  resubmit: ['OWNER'],
  claim: ['ADMIN'],
  approve: ['ADMIN'],
  reject: ['ADMIN'],
  needsInfo: ['ADMIN'],
  suspend: ['ADMIN', 'SYSTEM'],
  reinstate: ['ADMIN', 'SYSTEM'],
};
const NEEDS_REASON: ApplicationAction[] = ['approve', 'reject', 'needsInfo', 'suspend', 'reinstate'];

function outcome(
  state: ApplicationState,
  action: ApplicationAction,
  actor: ApplicationActor,
  reason?: string | null,
): ApplicationState | ApplicationErrorCode {
  try {
    return applyApplicationAction({ state, therapistId: OWNER_ID }, action, { actor, reason }).to;
  } catch (error) {
    if (error instanceof ApplicationError) return error.code;
    throw error;
  }
}

const cases = APPLICATION_STATES.flatMap((state) =>
  APPLICATION_ACTIONS.flatMap((action) =>
    ACTOR_NAMES.map((actor) => {
      const target = LEGAL[state][action];
      const expected: ApplicationState | ApplicationErrorCode = !WHO[action].includes(actor)
        ? 'FORBIDDEN'
        : target === undefined
          ? 'ILLEGAL_TRANSITION'
          : target;
      return { state, action, actor, expected };
    }),
  ),
);

describe('application state machine: every (state, action, actor)', () => {
  it('covers 7 states × 8 actions × 4 actors', () => {
    expect([...APPLICATION_ACTIONS].sort()).toEqual(Object.keys(WHO).sort());
    expect(cases).toHaveLength(7 * 8 * 4);
    expect(cases.filter((c) => !['FORBIDDEN', 'ILLEGAL_TRANSITION'].includes(c.expected))).toHaveLength(10);
  });

  it.each(cases)('$action on $state by $actor → $expected', ({ state, action, actor, expected }) => {
    expect(outcome(state, action, ACTORS[actor], 'Documents checked against the state registry.')).toBe(
      expected,
    );
  });
});

describe('reasons', () => {
  const legalWithReason = cases.filter(
    (c) =>
      NEEDS_REASON.includes(c.action) &&
      LEGAL[c.state][c.action] !== undefined &&
      WHO[c.action].includes(c.actor),
  );
  const reasonless = [undefined, null, '', '   ', '\n\t'];

  it('checks all 7 legal decisions', () => {
    expect(legalWithReason).toHaveLength(7);
  });

  it.each(legalWithReason)(
    '$action on $state by $actor needs a non-empty reason',
    ({ state, action, actor, expected }) => {
      for (const reason of reasonless) {
        expect(outcome(state, action, ACTORS[actor], reason)).toBe('REASON_REQUIRED');
      }
      expect(outcome(state, action, ACTORS[actor], 'ok')).toBe(expected);
    },
  );

  it.each<[ApplicationState, ApplicationAction, ActorName]>([
    ['DRAFT', 'submit', 'OWNER'],
    ['NEEDS_INFO', 'resubmit', 'OWNER'],
    ['SUBMITTED', 'claim', 'ADMIN'],
  ])('%s → %s by %s needs no reason', (state, action, actor) => {
    expect(outcome(state, action, ACTORS[actor])).toBe(LEGAL[state][action]);
  });

  it('reports FORBIDDEN before the state and the state before the reason', () => {
    expect(outcome('DRAFT', 'approve', ACTORS.OWNER, '')).toBe('FORBIDDEN');
    expect(outcome('DRAFT', 'approve', ACTORS.ADMIN, '')).toBe('ILLEGAL_TRANSITION');
    expect(outcome('IN_REVIEW', 'approve', ACTORS.ADMIN, '')).toBe('REASON_REQUIRED');
  });

  it('returns the decision to store, with the reason trimmed', () => {
    expect(
      applyApplicationAction({ state: 'IN_REVIEW', therapistId: OWNER_ID }, 'needsInfo', {
        actor: ACTORS.ADMIN,
        reason: '  Upload the back of the license.  ',
      }),
    ).toEqual({
      action: 'needsInfo',
      from: 'IN_REVIEW',
      to: 'NEEDS_INFO',
      actor: ACTORS.ADMIN,
      reason: 'Upload the back of the license.',
    });
    expect(
      applyApplicationAction({ state: 'DRAFT', therapistId: OWNER_ID }, 'submit', { actor: ACTORS.OWNER })
        .reason,
    ).toBeNull();
  });
});

describe('messages', () => {
  it.each<[ApplicationState, ApplicationAction, ApplicationActor, string]>([
    [
      'APPROVED',
      'approve',
      ACTORS.ADMIN,
      'Cannot approve an application that is APPROVED (allowed from: IN_REVIEW)',
    ],
    ['DRAFT', 'submit', ACTORS.OTHER_THERAPIST, 'Only the therapist who owns it can submit an application.'],
    ['APPROVED', 'suspend', ACTORS.OWNER, 'Only an admin or the system can suspend an application.'],
    ['IN_REVIEW', 'reject', ACTORS.ADMIN, 'A reason is required to reject an application.'],
  ])('%s / %s', (state, action, actor, message) => {
    expect(() =>
      applyApplicationAction({ state, therapistId: OWNER_ID }, action, { actor, reason: '' }),
    ).toThrow(message);
  });

  it('treats an unknown action as illegal', () => {
    expect(outcome('DRAFT', 'publish' as ApplicationAction, ACTORS.ADMIN, 'x')).toBe('ILLEGAL_TRANSITION');
    expect(outcome('DRAFT', 'constructor' as ApplicationAction, ACTORS.ADMIN, 'x')).toBe(
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('editing', () => {
  const edit = (state: ApplicationState, actor: ApplicationActor): string => {
    try {
      assertCanEdit({ state, therapistId: OWNER_ID }, actor);
      return 'OK';
    } catch (error) {
      if (error instanceof ApplicationError) return error.code;
      throw error;
    }
  };
  const editableStates: ApplicationState[] = ['DRAFT', 'NEEDS_INFO'];
  const editCases = APPLICATION_STATES.flatMap((state) => ACTOR_NAMES.map((actor) => ({ state, actor })));

  it.each(editCases)('$actor editing a $state application', ({ state, actor }) => {
    const expected = actor !== 'OWNER' ? 'FORBIDDEN' : editableStates.includes(state) ? 'OK' : 'NOT_EDITABLE';
    expect(edit(state, ACTORS[actor])).toBe(expected);
    expect(isEditable(state)).toBe(editableStates.includes(state));
  });
});

describe('availableActions', () => {
  it.each<[ApplicationState, ActorName, ApplicationAction[]]>([
    ['DRAFT', 'OWNER', ['submit']],
    ['DRAFT', 'ADMIN', []],
    ['IN_REVIEW', 'ADMIN', ['approve', 'reject', 'needsInfo']],
    ['APPROVED', 'SYSTEM', ['suspend']],
    ['SUSPENDED', 'ADMIN', ['reinstate']],
    ['NEEDS_INFO', 'OTHER_THERAPIST', []],
    ['REJECTED', 'ADMIN', []],
  ])('%s for %s → %j', (state, actor, expected) => {
    expect(availableActions({ state, therapistId: OWNER_ID }, ACTORS[actor])).toEqual(expected);
  });
});
