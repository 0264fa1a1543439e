// Fault injection for API routes. A fault matches by method and path prefix and
// fires `times` times. `when: 'before'` fails the request without executing it;
// `when: 'after'` executes and commits the operation (and saves its idempotent
// result) and only then fails the response, the case where a client must retry
// with the same Idempotency-Key and must not be charged twice.
import { newId } from './store.ts';

export interface FaultSpec {
  /** HTTP method to match; any method when omitted. */
  method?: string;
  /** Path prefix to match, e.g. `/v1/payment_intents`. */
  path: string;
  /** Status to answer with (default 500 unless `reset` or only `delay_ms` is given). */
  status?: number;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
  /** Delay before executing ('before') or before answering ('after'). */
  delay_ms?: number;
  /** How many matching requests are affected (default 1). */
  times?: number;
  when?: 'before' | 'after';
  /**
   * Fires on each matching request with this probability (0–1) instead of on every one;
   * `times` then defaults to unlimited. Draws come from an RNG seeded with `seed`, so a
   * run with the same requests fails the same ones.
   */
  probability?: number;
  seed?: number;
}

/** mulberry32: a small seeded PRNG, uniform on [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Fault extends Required<Pick<FaultSpec, 'path' | 'times' | 'when'>> {
  id: string;
  method: string | null;
  status: number | null;
  reset: boolean;
  delay_ms: number;
  probability: number | null;
}

/** What the registry saw since it started or was last cleared: API requests and faults fired. */
export interface FaultStats {
  requests: number;
  injected: number;
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private readonly draws = new Map<string, () => number>();
  private counts: FaultStats = { requests: 0, injected: 0 };

  add(spec: FaultSpec): Fault {
    if (typeof spec.path !== 'string' || !spec.path.startsWith('/')) {
      throw new TypeError('fault path must be a path prefix starting with "/"');
    }
    const p = spec.probability;
    if (p !== undefined && (!Number.isFinite(p) || p < 0 || p > 1)) {
      throw new TypeError('fault probability must be between 0 and 1');
    }
    const delay = spec.delay_ms ?? 0;
    const reset = spec.reset === true;
    const fault: Fault = {
      id: newId('fault', 12),
      method: spec.method?.toUpperCase() ?? null,
      path: spec.path,
      status: spec.status ?? (reset || delay > 0 ? null : 500),
      reset,
      delay_ms: delay,
      times: spec.times ?? (p === undefined ? 1 : Number.POSITIVE_INFINITY),
      when: spec.when ?? 'before',
      probability: p ?? null,
    };
    if (p !== undefined) this.draws.set(fault.id, seededRandom(spec.seed ?? 1));
    this.faults.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault matching the request, if any. */
  take(method: string, path: string, when: 'before' | 'after'): Fault | undefined {
    if (when === 'before') this.counts.requests += 1;
    const fault = this.faults.find(
      (f) =>
        f.when === when &&
        (f.method === null || f.method === method) &&
        path.startsWith(f.path) &&
        (f.probability === null || (this.draws.get(f.id)?.() ?? 1) < f.probability),
    );
    if (fault === undefined) return undefined;
    this.counts.injected += 1;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  stats(): FaultStats {
    return { ...this.counts };
  }

  clear(): void {
    this.faults = [];
    this.draws.clear();
    this.counts = { requests: 0, injected: 0 };
  }
}
