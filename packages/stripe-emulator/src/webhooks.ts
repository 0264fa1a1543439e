// Webhook delivery: signed POSTs of each Event to every matching endpoint, retried
// with backoff on non-2xx or network errors. Deliveries for the same object on the
// same endpoint are sent strictly in order (a retrying one holds back later ones);
// different objects proceed independently.
import { createHmac } from 'node:crypto';
import { newId } from './store.ts';
import type { StripeEvent } from './types.ts';

export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
  enabledEvents: string[];
}

export interface DeliveryOptions {
  /** Wait before retry n (the last value repeats). */
  retryDelaysMs?: number[];
  /** Attempts per delivery before it is marked failed. */
  maxAttempts?: number;
  /** Per-attempt HTTP timeout. */
  timeoutMs?: number;
}

export interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  object_id: string | null;
  endpoint_id: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  /** Wall-clock ms of the next scheduled retry. */
  next_attempt_at: number | null;
}

interface Job {
  delivery: Delivery;
  payload: string;
  target: WebhookTarget;
}

/** `Stripe-Signature` value: HMAC-SHA256 of "<t>.<payload>" keyed by the whsec secret. */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export function matchesEvent(enabledEvents: string[], type: string): boolean {
  return enabledEvents.includes('*') || enabledEvents.includes(type);
}

export class WebhookDispatcher {
  private readonly jobs: Job[] = [];
  private readonly chains = new Map<string, Job[]>();
  private readonly busy = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();
  private idleWaiters: Array<() => void> = [];
  private paused = false;
  private closed = false;
  private readonly retryDelaysMs: number[];
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;

  constructor(options: DeliveryOptions = {}) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000, 600_000];
    this.maxAttempts = options.maxAttempts ?? this.retryDelaysMs.length + 1;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Queues `event` for every target; returns how many deliveries were queued. */
  enqueue(event: StripeEvent, targets: WebhookTarget[]): number {
    const payload = JSON.stringify(event, null, 2);
    const objectId = typeof event.data.object.id === 'string' ? event.data.object.id : null;
    for (const target of targets) {
      const delivery: Delivery = {
        id: newId('whdel', 16),
        event_id: event.id,
        event_type: event.type,
        object_id: objectId,
        endpoint_id: target.id,
        url: target.url,
        status: 'pending',
        attempts: 0,
        last_status: null,
        last_error: null,
        next_attempt_at: null,
      };
      const job: Job = { delivery, payload, target };
      this.jobs.push(job);
      const chainKey = `${target.id}|${objectId ?? event.id}`;
      const chain = this.chains.get(chainKey) ?? [];
      chain.push(job);
      this.chains.set(chainKey, chain);
      // Deliver after the API response has been written, like Stripe does.
      setImmediate(() => this.kick(chainKey));
    }
    return targets.length;
  }

  deliveries(): Delivery[] {
    return this.jobs.map((job) => ({ ...job.delivery }));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const key of this.chains.keys()) this.kick(key);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Resolves once no delivery is pending (immediately if none is). */
  whenIdle(): Promise<void> {
    if (!this.hasPending()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Forgets all deliveries and stops in-flight work. */
  reset(): void {
    this.stopWork();
    this.jobs.length = 0;
    this.chains.clear();
    this.busy.clear();
    this.notifyIdle();
  }

  close(): void {
    this.closed = true;
    this.reset();
  }

  private stopWork(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inflight) controller.abort();
    this.inflight.clear();
  }

  private hasPending(): boolean {
    return this.jobs.some((job) => job.delivery.status === 'pending');
  }

  private notifyIdle(): void {
    if (this.hasPending()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private kick(chainKey: string): void {
    if (this.paused || this.closed || this.busy.has(chainKey)) return;
    const chain = this.chains.get(chainKey);
    const job = chain?.[0];
    if (chain === undefined || job === undefined) {
      this.chains.delete(chainKey);
      return;
    }
    this.busy.add(chainKey);
    void this.attempt(job).then((finished) => {
      if (this.chains.get(chainKey) !== chain) return; // reset() dropped this chain meanwhile
      if (finished) {
        chain.shift();
        this.busy.delete(chainKey);
        this.notifyIdle();
        this.kick(chainKey);
        return;
      }
      const delay =
        this.retryDelaysMs[Math.min(job.delivery.attempts - 1, this.retryDelaysMs.length - 1)] ?? 0;
      job.delivery.next_attempt_at = Date.now() + delay;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.busy.delete(chainKey);
        this.kick(chainKey);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    });
  }

  /** One HTTP attempt; true when the delivery reached a final state. */
  private async attempt(job: Job): Promise<boolean> {
    const { delivery, payload, target } = job;
    delivery.attempts += 1;
    delivery.next_attempt_at = null;
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      // Signed with wall-clock time: receivers check the timestamp against their own
      // clock (300 s tolerance in the SDK), whatever the emulator clock says.
      const timestamp = Math.floor(Date.now() / 1000);
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(payload, target.secret, timestamp),
        },
        body: payload,
        signal: controller.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      delivery.last_status = res.status;
      delivery.last_error = null;
      if (res.ok) {
        delivery.status = 'succeeded';
        return true;
      }
    } catch (err) {
      delivery.last_status = null;
      delivery.last_error = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(controller);
    }
    if (delivery.attempts >= this.maxAttempts) {
      delivery.status = 'failed';
      return true;
    }
    return false;
  }
}
