import { describe, expect, it } from 'vitest';
import {
  type ClientFacts,
  changedShares,
  hit6Change,
  median,
  share,
  therapistOutcomes,
} from './therapist-outcomes.policy.ts';

const client = (id: string, patch: Partial<ClientFacts> = {}): ClientFacts => ({
  clientId: id,
  responder: 'RESPONDER',
  hit6Change: -5,
  sessions: 1,
  ...patch,
});
const none = { reported: 0, overCap: 0 };

describe('median', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[4, -2], 1],
    [[5, 1, 3], 3],
    [[-11, 4, -10, -4], -7],
  ])('%j → %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('hit6Change: latest after the first session minus the last at or before it', () => {
  const first = new Date('2026-09-01T14:00:00Z');
  const at = (iso: string, score: number) => ({ takenAt: new Date(iso), score });
  it.each([
    ['both sides', [at('2026-08-20T00:00Z', 60), at('2026-10-01T00:00Z', 52)], -8],
    ['baseline exactly at the session', [at('2026-09-01T14:00Z', 60), at('2026-10-01T00:00Z', 64)], 4],
    [
      'the latest of each side',
      [
        at('2026-07-01T00:00Z', 70),
        at('2026-08-20T00:00Z', 60),
        at('2026-09-20T00:00Z', 58),
        at('2026-10-20T00:00Z', 50),
      ],
      -10,
    ],
    ['no baseline', [at('2026-10-01T00:00Z', 52)], null],
    ['no follow-up', [at('2026-08-20T00:00Z', 60)], null],
    ['nothing', [], null],
  ])('%s → %s', (_name, scores, expected) => expect(hit6Change(scores, first)).toBe(expected));
});

describe('therapistOutcomes', () => {
  it('is null under the threshold, counting distinct clients', () => {
    const four = ['a', 'b', 'c', 'd'].map((id) => client(id));
    expect(therapistOutcomes(four, none)).toBeNull();
    expect(therapistOutcomes([...four, client('a')], none)).toBeNull();
    expect(therapistOutcomes([...four, client('e')], none)).not.toBeNull();
    expect(therapistOutcomes(four, none, 4)).not.toBeNull();
  });

  it('aggregates responders over evaluable clients, HIT-6 over clients with both, rebooks over all', () => {
    const figures = therapistOutcomes(
      [
        client('a', { sessions: 3, hit6Change: -10 }),
        client('b', { responder: 'NON_RESPONDER', hit6Change: 2 }),
        client('c', { responder: 'NOT_EVALUABLE', hit6Change: null, sessions: 2 }),
        client('d', { hit6Change: -4 }),
        client('e', { responder: 'NOT_EVALUABLE', hit6Change: null }),
      ],
      { reported: 6, overCap: 1 },
    );
    expect(figures).toEqual({
      clients: 5,
      evaluableClients: 3,
      responders: 2,
      hit6Clients: 3,
      medianHit6Change: -4,
      sessions: 8,
      sessionsReported: 6,
      sessionsOverCap: 1,
      rebookedClients: 2,
    });
  });
});

describe('share', () => {
  it.each([
    [0, 0, null],
    [0, 4, 0],
    [3, 4, 0.75],
    [1, 3, 0.333],
    [2, 3, 0.667],
    [5, 5, 1],
  ])('%i/%i → %s', (part, whole, expected) => expect(share(part, whole)).toBe(expected));
});

describe('changedShares: what care tells booking after a run', () => {
  const s = (therapistId: string, responderRate: number | null) => ({ therapistId, responderRate });
  it.each([
    ['nothing before or after', [], [], []],
    ['first published share', [], [s('a', 0.8)], [s('a', 0.8)]],
    ['the same share again: nothing', [s('a', 0.8)], [s('a', 0.8)], []],
    ['a new share', [s('a', 0.8)], [s('a', 0.6)], [s('a', 0.6)]],
    ['dropped under the threshold → null', [s('a', 0.8)], [], [s('a', null)]],
    ['published with none evaluable → null', [s('a', 0.8)], [s('a', null)], [s('a', null)]],
    ['null published and still none: nothing', [s('a', null)], [], []],
    ['a first share of zero is a change', [], [s('a', 0)], [s('a', 0)]],
    [
      'several, in therapist order, unchanged ones left out',
      [s('c', 0.5), s('a', 0.2), s('b', 1)],
      [s('b', 1), s('a', 0.4), s('d', 0.1)],
      [s('a', 0.4), s('c', null), s('d', 0.1)],
    ],
  ])('%s', (_name, before, after, expected) => expect(changedShares(before, after)).toEqual(expected));
});
