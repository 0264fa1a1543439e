import { resolve } from 'node:path';
import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import {
  defineModule,
  loadSchemaFiles,
  type ModuleDefinition,
  publishRevokedSessions,
  referenceLoader,
} from '@mm/graphql-kit';
import type { Redis } from 'ioredis';
import { AccessLogRepository } from './access-log/access-log.repository.ts';
import { accessLogResolvers } from './access-log/access-log.resolvers.ts';
import { ACCOUNTS_ERRORS } from './accounts/accounts.errors.ts';
import { accountsEventHandlers } from './accounts/accounts.jobs.ts';
import { AccountsRepository } from './accounts/accounts.repository.ts';
import { accountsResolvers } from './accounts/accounts.resolvers.ts';
import { AccountsService } from './accounts/accounts.service.ts';
import { type Geocoder, geocoderFor } from './profiles/geocoder.ts';
import { PROFILES_ERRORS } from './profiles/profiles.errors.ts';
import { ProfilesRepository } from './profiles/profiles.repository.ts';
import { profilesLoaders, profilesResolvers } from './profiles/profiles.resolvers.ts';
import { ProfilesService } from './profiles/profiles.service.ts';

export interface IdentityModuleDeps {
  config: Config;
  prisma: PrismaClient;
  /** Publishes revoked sessions to the gateways; without it revocation waits for token expiry. */
  redis?: Redis;
  geocoder?: Geocoder;
  now?: () => Date;
}

const schemaOf = (module: string) => loadSchemaFiles(resolve(import.meta.dirname, module));

export function buildIdentityServices(deps: IdentityModuleDeps) {
  const accountsRepo = new AccountsRepository(deps.prisma);
  const profilesRepo = new ProfilesRepository(deps.prisma);
  const { redis, config } = deps;
  const revokeAccess = redis
    ? (ids: string[]) =>
        publishRevokedSessions(redis, config.QUEUE_PREFIX, ids, config.ACCESS_TOKEN_TTL_SECONDS)
    : undefined;
  const accounts = new AccountsService(deps.prisma, accountsRepo, config, deps.now, revokeAccess);
  const profiles = new ProfilesService(profilesRepo, deps.geocoder ?? geocoderFor(config));
  return { accountsRepo, profilesRepo, accounts, profiles };
}

/**
 * Identity's modules, in dependency order: the app and the workers are derived
 * from this list. Notification delivery is a polling dispatcher of its own
 * (workers/index.ts), not part of this list.
 */
export function buildIdentityModules(deps: IdentityModuleDeps): ModuleDefinition[] {
  const s = buildIdentityServices(deps);
  return [
    defineModule({
      name: 'accounts',
      schema: schemaOf('accounts'),
      resolvers: accountsResolvers(s.accounts),
      loaders: {
        User: { __resolveReference: referenceLoader('User', (ids) => s.accountsRepo.findUsersByIds(ids)) },
      },
      errors: ACCOUNTS_ERRORS,
      handles: accountsEventHandlers,
    }),
    defineModule({
      name: 'profiles',
      dependencies: ['accounts'],
      schema: schemaOf('profiles'),
      resolvers: profilesResolvers(s.profiles),
      loaders: profilesLoaders(s.profilesRepo),
      errors: PROFILES_ERRORS,
    }),
    defineModule({
      name: 'access-log',
      dependencies: ['accounts'],
      schema: schemaOf('access-log'),
      resolvers: accessLogResolvers(new AccessLogRepository(deps.prisma)),
      errors: [],
    }),
  ];
}
