// The emulator core: state, clock, idempotency, faults and webhook delivery
// (what handlers see of it, and their per-request context, is in host.ts).
import { Clock } from './clock.ts';
import { FaultRegistry } from './faults.ts';
import type { Ctx, EmulatorHost, EmulatorOptions, WebhookConfig } from './host.ts';
import { IdempotencyStore } from './idempotency.ts';
import { expireHolds } from './resources/payment-intents.ts';
import { settlePayouts } from './resources/payouts.ts';
import { newId, Store } from './store.ts';
import { matchesEvent, WebhookDispatcher, type WebhookTarget } from './webhooks.ts';

export type { Ctx, EmulatorHost, EmulatorOptions, WebhookConfig } from './host.ts';

/** The API version the emulated objects follow (the one stripe@23 pins). */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

export class Emulator implements EmulatorHost {
  readonly store = new Store();
  readonly clock: Clock;
  readonly idempotency = new IdempotencyStore();
  readonly faults = new FaultRegistry();
  readonly webhooks: WebhookDispatcher;
  readonly apiVersion: string;
  /** The startup endpoint; replaceable at run time (POST /_emulator/webhook). */
  configTarget: WebhookTarget | null;
  private lastPrune = 0;

  constructor(readonly options: EmulatorOptions = {}) {
    this.clock = new Clock(options.clock);
    this.webhooks = new WebhookDispatcher(options.delivery);
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    const hook = options.webhook;
    this.configTarget = hook
      ? {
          id: 'we_config',
          url: hook.url,
          secret: hook.secret ?? newId('whsec', 32),
          enabledEvents: hook.enabledEvents ?? ['*'],
        }
      : null;
  }

  /** Endpoints that should receive an event of `type`. */
  targets(type: string): WebhookTarget[] {
    const targets: WebhookTarget[] = [];
    if (this.configTarget && matchesEvent(this.configTarget.enabledEvents, type))
      targets.push(this.configTarget);
    for (const endpoint of this.store.webhookEndpoints.list().reverse()) {
      const secret = this.store.endpointSecrets.get(endpoint.id);
      if (endpoint.deleted || endpoint.status !== 'enabled' || secret === undefined) continue;
      if (!matchesEvent(endpoint.enabled_events, type)) continue;
      targets.push({ id: endpoint.id, url: endpoint.url, secret, enabledEvents: endpoint.enabled_events });
    }
    return targets;
  }

  /** Context for work the emulator does on its own (expiring holds, paying out). */
  systemCtx(account: string | null = null): Ctx {
    return {
      em: this,
      account,
      requestId: null,
      idempotencyKey: null,
      baseUrl: this.options.publicUrl ?? '',
    };
  }

  /** Applies everything that is due at the current emulator time. */
  tick(): void {
    const now = this.clock.now();
    expireHolds(this.systemCtx(), now);
    settlePayouts(this.systemCtx(), now);
    if (now - this.lastPrune >= 60) {
      this.idempotency.prune(now);
      this.lastPrune = now;
    }
  }

  /** Points the startup endpoint somewhere else (e.g. a service that listened after the emulator). */
  setConfigWebhook(hook: WebhookConfig): WebhookTarget {
    this.configTarget = {
      id: 'we_config',
      url: hook.url,
      secret: hook.secret ?? this.configTarget?.secret ?? newId('whsec', 32),
      enabledEvents: hook.enabledEvents ?? ['*'],
    };
    return this.configTarget;
  }

  reset(): void {
    this.store.reset();
    this.idempotency.clear();
    this.faults.clear();
    this.webhooks.reset();
    this.webhooks.resume();
    this.clock.reset();
    this.lastPrune = 0;
  }
}
