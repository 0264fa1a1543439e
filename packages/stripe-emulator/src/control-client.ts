// Typed client for the /_emulator test controls.

import type { Account } from './connect-types.ts';
import type { Fault, FaultSpec, FaultStats } from './faults.ts';
import type { AccountStatusUpdate } from './resources/accounts.ts';
import type { Delivery } from './webhooks.ts';

export interface DeliveryFilter {
  event_type?: string;
  status?: Delivery['status'];
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export class EmulatorControl {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: object): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} failed with ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** Current emulator time (unix seconds). */
  async now(): Promise<number> {
    return (await this.call<{ now: number }>('GET', '/_emulator/clock')).now;
  }

  /** Moves the emulator clock forward and runs what became due (hold expiry, payouts). */
  async advanceClock(seconds: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', '/_emulator/clock', { advance_seconds: seconds })).now;
  }

  async setClock(unixSeconds: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', '/_emulator/clock', { now: unixSeconds })).now;
  }

  injectFault(spec: FaultSpec): Promise<Fault> {
    return this.call('POST', '/_emulator/faults', spec);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/_emulator/faults');
  }

  /** API requests seen and faults fired since the server started or faults were last cleared. */
  async faultStats(): Promise<FaultStats> {
    const { requests, injected } = await this.call<FaultStats>('GET', '/_emulator/faults');
    return { requests, injected };
  }

  /** Sets onboarding flags/capabilities of a connected account (emits account.updated). */
  setAccountCapabilities(accountId: string, update: AccountStatusUpdate): Promise<Account> {
    return this.call('POST', `/_emulator/accounts/${encodeURIComponent(accountId)}`, update);
  }

  async deliveries(filter: DeliveryFilter = {}): Promise<Delivery[]> {
    const query = new URLSearchParams();
    if (filter.event_type) query.set('event_type', filter.event_type);
    if (filter.status) query.set('status', filter.status);
    const suffix = query.size > 0 ? `?${query}` : '';
    return (await this.call<{ data: Delivery[] }>('GET', `/_emulator/deliveries${suffix}`)).data;
  }

  /** Polls deliveries until `predicate` holds; returns the last listing. */
  async waitForDeliveries(
    predicate: (deliveries: Delivery[]) => boolean,
    { timeoutMs = 10_000, intervalMs = 25 }: WaitOptions = {},
  ): Promise<Delivery[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = await this.deliveries();
      if (predicate(list)) return list;
      if (Date.now() > deadline) {
        throw new Error(`webhook deliveries did not reach the expected state: ${JSON.stringify(list)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  async pauseWebhooks(): Promise<void> {
    await this.call('POST', '/_emulator/webhooks/pause');
  }

  async resumeWebhooks(): Promise<void> {
    await this.call('POST', '/_emulator/webhooks/resume');
  }

  /** The webhook endpoint configured at startup (with its signing secret), if any. */
  webhookConfig(): Promise<{ url: string; secret: string; enabled_events: string[] } | null> {
    return this.call('GET', '/_emulator/webhook');
  }

  /** Sets (or replaces) the startup webhook endpoint: URL, signing secret (kept if omitted), event types. */
  setWebhook(config: {
    url: string;
    secret?: string;
    enabled_events?: string[];
  }): Promise<{ url: string; secret: string; enabled_events: string[] }> {
    return this.call('POST', '/_emulator/webhook', config);
  }

  /** Drops all objects, idempotency keys, faults and deliveries; resets the clock. */
  async reset(): Promise<void> {
    await this.call('POST', '/_emulator/reset');
  }
}
