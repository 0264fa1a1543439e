import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { buildServiceApp } from '@mm/graphql-kit';
import { openServiceResources } from '@mm/queue';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildIdentityModules } from './modules/index.ts';
import type { Geocoder } from './modules/profiles/geocoder.ts';

export { buildIdentityServices } from './modules/index.ts';

export interface IdentityDeps {
  config: Config;
  prisma?: PrismaClient;
  redis?: Redis;
  geocoder?: Geocoder;
  now?: () => Date;
}

export async function buildIdentityApp(deps: IdentityDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const resources = openServiceResources(deps);
  return buildServiceApp({
    name: 'identity',
    modules: buildIdentityModules({ ...deps, prisma: resources.prisma, redis: resources.redis }),
    gatewaySecret: config.GATEWAY_SHARED_SECRET,
    logLevel: config.LOG_LEVEL,
    maxInFlight: config.MAX_IN_FLIGHT,
    readiness: resources.readiness,
    onClose: () => resources.close(),
  });
}
