import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';
import { enqueueOps } from '../shared/ops.ts';
import { recordWebhookEvent } from './webhooks.repository.ts';

export const WEBHOOK_PATH = '/webhooks/stripe';

/**
 * POST /webhooks/stripe. Verifies the raw body against Stripe-Signature (400
 * and nothing recorded when it fails), records the event id once, queues the
 * work and answers at once. The work re-reads Stripe's objects, so replays
 * and out-of-order deliveries change nothing.
 */
export async function registerWebhookRoutes(app: FastifyInstance, ctx: PaymentsContext): Promise<void> {
  await app.register(async (scope) => {
    // The signature covers the exact bytes Stripe sent: keep them unparsed.
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(WEBHOOK_PATH, async (request, reply) => {
      const signature = request.headers['stripe-signature'];
      let event: Stripe.Event;
      try {
        if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) throw new Error('missing');
        event = ctx.stripe.webhooks.constructEvent(request.body, signature, ctx.webhookSecret);
      } catch {
        return reply.code(400).send({ error: 'The Stripe-Signature header does not match the body.' });
      }
      const object = event.data.object as { id?: unknown };
      // The event row and its processing job commit together, so a crash in between loses nothing.
      const recorded = await ctx.prisma.$transaction(async (tx) => {
        const fresh = await recordWebhookEvent(tx, {
          id: event.id,
          type: event.type,
          account: event.account ?? null,
          objectId: typeof object.id === 'string' ? object.id : null,
        });
        if (fresh) await enqueueOps(tx, { kind: 'stripe-event', eventId: event.id });
        return fresh;
      });
      return reply.code(200).send({ received: true, duplicate: !recorded });
    });
  });
}
