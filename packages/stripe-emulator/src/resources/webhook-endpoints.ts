// Webhook endpoints created through the API. The signing secret is returned once,
// at creation, as on Stripe.
import { paramError } from '../errors.ts';
import { missingParam } from '../form.ts';
import { paginate } from '../list.ts';
import type { Router } from '../router.ts';
import { newId } from '../store.ts';
import type { WebhookEndpoint } from '../types.ts';

function checkUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url;
  } catch {
    // fall through to the Stripe-style error below
  }
  throw paramError(`Invalid URL: ${url}`, { param: 'url', code: 'url_invalid' });
}

export function registerWebhookEndpoints(api: Router): void {
  api.post('/v1/webhook_endpoints', ({ input, ctx }) => {
    const { store, clock } = ctx.em;
    const url = checkUrl(input.requiredStr('url'));
    const enabledEvents = input.strList('enabled_events');
    if (enabledEvents === undefined || enabledEvents.length === 0) throw missingParam('enabled_events');
    const endpoint: WebhookEndpoint = {
      id: newId('we'),
      object: 'webhook_endpoint',
      api_version: input.str('api_version') ?? null,
      application: null,
      created: clock.now(),
      description: input.optStr('description') ?? null,
      enabled_events: enabledEvents,
      livemode: false,
      metadata: input.metadata(),
      status: 'enabled',
      url,
    };
    const secret = newId('whsec', 32);
    store.webhookEndpoints.put(endpoint);
    store.endpointSecrets.set(endpoint.id, secret);
    return { ...endpoint, secret };
  });

  api.get('/v1/webhook_endpoints/:id', ({ params, ctx }) =>
    ctx.em.store.webhookEndpoints.require(params.id ?? ''),
  );

  api.get('/v1/webhook_endpoints', ({ input, ctx }) =>
    paginate(
      ctx.em.store.webhookEndpoints.list((we) => !we.deleted),
      input,
      '/v1/webhook_endpoints',
    ),
  );

  api.post('/v1/webhook_endpoints/:id', ({ params, input, ctx }) => {
    const endpoint = ctx.em.store.webhookEndpoints.require(params.id ?? '');
    const url = input.str('url');
    const enabledEvents = input.strList('enabled_events');
    const disabled = input.bool('disabled');
    const metadata = input.metadata(endpoint.metadata);
    if (url !== undefined) endpoint.url = checkUrl(url);
    if (enabledEvents !== undefined) endpoint.enabled_events = enabledEvents;
    if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
    endpoint.metadata = metadata;
    return endpoint;
  });

  api.delete('/v1/webhook_endpoints/:id', ({ params, ctx }) => {
    const endpoint = ctx.em.store.webhookEndpoints.require(params.id ?? '');
    endpoint.deleted = true;
    ctx.em.store.endpointSecrets.delete(endpoint.id);
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  });
}
