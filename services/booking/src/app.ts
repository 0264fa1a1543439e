import { buildServiceApp } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import { type BookingDeps, createBookingContext } from './context.ts';
import { buildBookingModules } from './modules/index.ts';

export type { BookingDeps } from './context.ts';

export async function buildBookingApp(deps: BookingDeps): Promise<FastifyInstance> {
  const ctx = createBookingContext(deps);
  const modules = buildBookingModules(ctx);
  return buildServiceApp({
    name: 'booking',
    modules: modules.list,
    gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
    logLevel: ctx.config.LOG_LEVEL,
    subscription: { emitter: modules.realtime.emitter },
    readiness: ctx.readiness,
    onClose: async () => {
      await modules.close();
      await ctx.close();
    },
  });
}
