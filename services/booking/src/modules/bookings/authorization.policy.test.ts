import { describe, expect, it } from 'vitest';
import { authorizationPlan } from './authorization.policy.ts';
import { transition } from './booking.state-machine.ts';

const requestedAt = new Date('2026-03-01T12:00:00Z');
const at = (ms: number) => new Date(requestedAt.getTime() + ms);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('authorizationPlan', () => {
  it.each([
    ['2 hours ahead', 2 * 60 * MIN, 'IMMEDIATE'],
    ['exactly 6 days ahead', 6 * DAY, 'IMMEDIATE'],
    ['6 days and 1 minute ahead', 6 * DAY + MIN, 'DEFERRED'],
    ['30 days ahead', 30 * DAY, 'DEFERRED'],
  ] as const)('%s → %s', (_label, leadMs, mode) => {
    expect(authorizationPlan({ requestedAt, startsAt: at(leadMs) }).mode).toBe(mode);
  });

  it('places a deferred hold 48 h before the start', () => {
    const startsAt = at(10 * DAY);
    const plan = authorizationPlan({ requestedAt, startsAt });
    expect(plan).toEqual({
      mode: 'DEFERRED',
      event: 'authorizationDeferred',
      authorizeAt: new Date(startsAt.getTime() - 2 * DAY),
    });
  });

  it('names an event the state machine accepts from SCREENED', () => {
    for (const lead of [DAY, 10 * DAY]) {
      const plan = authorizationPlan({ requestedAt, startsAt: at(lead) });
      expect(transition('SCREENED', plan.event)).toBe('SEARCHING');
    }
  });
});
