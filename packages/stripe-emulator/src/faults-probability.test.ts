import { describe, expect, it } from 'vitest';
import { FaultRegistry, seededRandom } from './faults.ts';

const fired = (registry: FaultRegistry, n: number, path = '/v1/payment_intents') =>
  Array.from({ length: n }, () => registry.take('POST', path, 'before') !== undefined);

describe('probabilistic faults', () => {
  it('fail about the given share of matching requests, and keep going', () => {
    const registry = new FaultRegistry();
    registry.add({ path: '/v1/payment_intents', probability: 0.3, seed: 7 });
    const hits = fired(registry, 2_000).filter(Boolean).length;
    expect(hits).toBeGreaterThan(500);
    expect(hits).toBeLessThan(700);
    expect(registry.list()).toHaveLength(1);
  });

  it('the same seed fails the same requests; another seed others', () => {
    const run = (seed: number) => {
      const registry = new FaultRegistry();
      registry.add({ path: '/v1/', probability: 0.5, seed });
      return fired(registry, 200, '/v1/transfers');
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('0 never fires, 1 always fires, times still bounds it', () => {
    const never = new FaultRegistry();
    never.add({ path: '/v1/', probability: 0 });
    expect(fired(never, 100).some(Boolean)).toBe(false);
    const bounded = new FaultRegistry();
    bounded.add({ path: '/v1/', probability: 1, times: 3 });
    expect(fired(bounded, 5)).toEqual([true, true, true, false, false]);
  });

  it('only matching requests draw', () => {
    const registry = new FaultRegistry();
    registry.add({ path: '/v1/refunds', probability: 1, reset: true });
    expect(registry.take('POST', '/v1/payment_intents', 'before')).toBeUndefined();
    expect(registry.take('POST', '/v1/refunds', 'before')?.reset).toBe(true);
  });

  it('counts the requests seen and the faults fired, until cleared', () => {
    const registry = new FaultRegistry();
    registry.add({ path: '/v1/refunds', times: 2 });
    fired(registry, 3, '/v1/refunds');
    fired(registry, 2, '/v1/transfers');
    expect(registry.stats()).toEqual({ requests: 5, injected: 2 });
    registry.clear();
    expect(registry.stats()).toEqual({ requests: 0, injected: 0 });
  });

  it('refuses a probability outside 0–1', () => {
    expect(() => new FaultRegistry().add({ path: '/v1/', probability: 1.5 })).toThrow(TypeError);
    expect(() => new FaultRegistry().add({ path: '/v1/', probability: -0.1 })).toThrow(TypeError);
  });

  it('seededRandom is uniform on [0, 1)', () => {
    const next = seededRandom(1);
    const draws = Array.from({ length: 10_000 }, next);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});
