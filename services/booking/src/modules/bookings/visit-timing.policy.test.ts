import { describe, expect, it } from 'vitest';
import {
  assertValidVisitTiming,
  DEFAULT_VISIT_TIMING,
  sessionPayment,
  TOO_EARLY_CODES,
  tooEarly,
  type VisitStep,
} from './visit-timing.policy.ts';

const startsAt = new Date('2026-03-01T15:00:00Z');
const MIN = 60_000;
const before = (ms: number) => new Date(startsAt.getTime() - ms);
const P = DEFAULT_VISIT_TIMING;

describe('tooEarly: each step against its window', () => {
  const cases: [VisitStep, string, number, string | null][] = [
    ['startEnRoute', 'a week before', 7 * 24 * 60 * MIN, 'EN_ROUTE_TOO_EARLY'],
    ['startEnRoute', '120 min + 1 ms before', 120 * MIN + 1, 'EN_ROUTE_TOO_EARLY'],
    ['startEnRoute', 'exactly 120 min before', 120 * MIN, null],
    ['startEnRoute', '119 min before', 119 * MIN, null],
    ['startEnRoute', 'at the start', 0, null],
    ['startEnRoute', 'after the start', -30 * MIN, null],
    ['arrive', '2 h before', 120 * MIN, 'ARRIVAL_TOO_EARLY'],
    ['arrive', '15 min + 1 ms before', 15 * MIN + 1, 'ARRIVAL_TOO_EARLY'],
    ['arrive', 'exactly 15 min before', 15 * MIN, null],
    ['arrive', '5 min after the start', -5 * MIN, null],
    ['startSession', 'a day before', 24 * 60 * MIN, 'SESSION_START_TOO_EARLY'],
    ['startSession', '15 min + 1 ms before', 15 * MIN + 1, 'SESSION_START_TOO_EARLY'],
    ['startSession', 'exactly 15 min before', 15 * MIN, null],
    ['startSession', 'at the start', 0, null],
    ['startSession', 'an hour late', -60 * MIN, null],
  ];
  it.each(cases)('%s %s → %s', (step, _label, msBefore, expected) => {
    const result = tooEarly(P, step, startsAt, before(msBefore));
    expect(result?.code ?? null).toBe(expected);
  });

  it('names the earliest instant and the lead in its message', () => {
    const result = tooEarly(P, 'startEnRoute', startsAt, before(3 * 60 * MIN));
    expect(result?.earliestAt.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(result?.message).toMatch(/120 minutes before/);
  });

  it('the windows are data: another policy moves every boundary', () => {
    const wide = { ...P, enRouteLeadMinutes: 240, arrivalLeadMinutes: 30, sessionStartLeadMinutes: 0 };
    expect(tooEarly(wide, 'startEnRoute', startsAt, before(200 * MIN))).toBeNull();
    expect(tooEarly(wide, 'arrive', startsAt, before(30 * MIN))).toBeNull();
    expect(tooEarly(wide, 'startSession', startsAt, before(1))?.code).toBe('SESSION_START_TOO_EARLY');
  });

  it('every step has its own code', () => {
    expect(new Set(Object.values(TOO_EARLY_CODES)).size).toBe(3);
  });
});

describe('sessionPayment', () => {
  const now = before(10 * MIN);
  it('a held card lets the session start, whenever', () => {
    expect(sessionPayment(P, { paymentHeldAt: before(3 * 24 * 60 * MIN), startsAt, now })).toEqual({
      kind: 'HELD',
    });
    expect(
      sessionPayment(P, { paymentHeldAt: now, startsAt, now: new Date(startsAt.getTime() + 5 * 60 * MIN) }),
    ).toEqual({ kind: 'HELD' });
  });

  it.each([
    ['before the start', -10 * MIN, 'AUTHORIZE_NOW'],
    ['at the start', 0, 'AUTHORIZE_NOW'],
    ['exactly 60 min after', 60 * MIN, 'AUTHORIZE_NOW'],
    ['60 min + 1 ms after', 60 * MIN + 1, 'CLOSED'],
    ['a day after', 24 * 60 * MIN, 'CLOSED'],
  ])('not held, %s → %s', (_label, msAfter, kind) => {
    const at = new Date(startsAt.getTime() + (msAfter as number));
    expect(sessionPayment(P, { paymentHeldAt: null, startsAt, now: at }).kind).toBe(kind);
  });

  it('a closed window says why and what to do', () => {
    const result = sessionPayment(P, {
      paymentHeldAt: null,
      startsAt,
      now: new Date(startsAt.getTime() + 2 * 60 * MIN),
    });
    expect(result.kind === 'CLOSED' && result.message).toMatch(/never authorized.*book again/);
  });
});

describe('assertValidVisitTiming', () => {
  it.each([
    ['negative', { ...P, arrivalLeadMinutes: -1 }],
    ['fractional', { ...P, enRouteLeadMinutes: 1.5 }],
    ['not a number', { ...P, authorizationGraceMinutes: Number.NaN }],
  ])('refuses a %s window', (_label, policy) => {
    expect(() => assertValidVisitTiming(policy)).toThrow(RangeError);
    expect(() => tooEarly(policy, 'arrive', startsAt, startsAt)).toThrow(RangeError);
  });

  it('accepts the default and zero windows', () => {
    expect(() => assertValidVisitTiming(P)).not.toThrow();
    const zero = {
      enRouteLeadMinutes: 0,
      arrivalLeadMinutes: 0,
      sessionStartLeadMinutes: 0,
      authorizationGraceMinutes: 0,
    };
    expect(() => assertValidVisitTiming(zero)).not.toThrow();
  });
});
