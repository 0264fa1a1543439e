import { resolve } from 'node:path';
import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { buildSubgraph, loadSchemaFiles, mergeResolvers } from '@mm/graphql-kit';
import { openServiceResources } from '@mm/queue';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { IResolvers } from 'mercurius';
import { AccountsRepository } from './modules/accounts/accounts.repository.ts';
import { accountsResolvers } from './modules/accounts/accounts.resolvers.ts';
import { AccountsService } from './modules/accounts/accounts.service.ts';
import { type Geocoder, geocoderFor } from './modules/profiles/geocoder.ts';
import { ProfilesRepository } from './modules/profiles/profiles.repository.ts';
import { profilesResolvers } from './modules/profiles/profiles.resolvers.ts';
import { ProfilesService } from './modules/profiles/profiles.service.ts';

export interface IdentityDeps {
  config: Config;
  prisma?: PrismaClient;
  redis?: Redis;
  geocoder?: Geocoder;
  now?: () => Date;
}

export function buildIdentityServices(deps: IdentityDeps & { prisma: PrismaClient }) {
  const accountsRepo = new AccountsRepository(deps.prisma);
  const profilesRepo = new ProfilesRepository(deps.prisma);
  const accounts = new AccountsService(deps.prisma, accountsRepo, deps.config, deps.now);
  const profiles = new ProfilesService(profilesRepo, deps.geocoder ?? geocoderFor(deps.config));
  return { accountsRepo, profilesRepo, accounts, profiles };
}

export async function buildIdentityApp(deps: IdentityDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const resources = openServiceResources(deps);
  const s = buildIdentityServices({ ...deps, prisma: resources.prisma });
  return buildSubgraph({
    name: 'identity',
    typeDefs: loadSchemaFiles(resolve(import.meta.dirname, 'modules')),
    resolvers: mergeResolvers(
      accountsResolvers(s.accounts, s.accountsRepo),
      profilesResolvers(s.profiles, s.profilesRepo),
    ) as IResolvers,
    gatewaySecret: config.GATEWAY_SHARED_SECRET,
    logLevel: config.LOG_LEVEL,
    readiness: resources.readiness,
    onClose: () => resources.close(),
  });
}
