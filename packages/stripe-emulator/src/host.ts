// The emulator as its router and resource handlers see it, and a request's context.
import type { Clock, ClockOptions } from './clock.ts';
import type { FaultRegistry } from './faults.ts';
import type { IdempotencyStore } from './idempotency.ts';
import type { Store } from './store.ts';
import type { DeliveryOptions, WebhookDispatcher, WebhookTarget } from './webhooks.ts';

export interface WebhookConfig {
  url: string;
  /** Signing secret; generated (`whsec_...`) when omitted. */
  secret?: string;
  /** Event types to send; all when omitted. */
  enabledEvents?: string[];
}

export interface EmulatorOptions {
  /** Endpoint configured at startup (in addition to ones created through the API). */
  webhook?: WebhookConfig;
  delivery?: DeliveryOptions;
  clock?: ClockOptions;
  apiVersion?: string;
  /** Accepted secret keys; by default any `sk_test_...`/`rk_test_...` key. */
  apiKeys?: string[];
  /** Base URL used in account links; defaults to the Host the request came to. */
  publicUrl?: string;
}

/**
 * What the router and resource handlers use of the emulator. An interface, so that
 * resources (which the emulator calls on each tick) never import the emulator back.
 */
export interface EmulatorHost {
  readonly store: Store;
  readonly clock: Clock;
  readonly idempotency: IdempotencyStore;
  readonly faults: FaultRegistry;
  readonly webhooks: WebhookDispatcher;
  readonly apiVersion: string;
  readonly options: EmulatorOptions;
  targets(type: string): WebhookTarget[];
  tick(): void;
}

/** What a resource handler knows about the request it serves. */
export interface Ctx {
  em: EmulatorHost;
  /** Stripe-Account header (connected account the request acts as), if any. */
  account: string | null;
  requestId: string | null;
  idempotencyKey: string | null;
  baseUrl: string;
}
