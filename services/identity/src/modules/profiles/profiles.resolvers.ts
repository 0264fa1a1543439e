import type { Address, Profile, User } from '@mm/db';
import {
  fromGlobalId,
  type GraphQLContext,
  referenceLoader,
  requireViewer,
  toGlobalId,
} from '@mm/graphql-kit';
import type { ProfilesRepository } from './profiles.repository.ts';
import type { ProfilesService } from './profiles.service.ts';

const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const profileView = (p: Profile) => ({ ...p, dateOfBirth: dateOnly(p.dateOfBirth) });

export function profilesResolvers(service: ProfilesService) {
  return {
    Mutation: {
      updateProfile: async (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) => ({
        profile: profileView(await service.updateProfile(requireViewer(ctx.viewer), input)),
      }),
      addAddress: async (_: unknown, { input }: { input: unknown }, ctx: GraphQLContext) => ({
        address: await service.addAddress(requireViewer(ctx.viewer), input),
      }),
      updateAccessNotes: async (
        _: unknown,
        { input }: { input: { addressId: string; accessNotes: unknown } },
        ctx: GraphQLContext,
      ) => ({
        address: await service.updateAccessNotes(
          requireViewer(ctx.viewer),
          fromGlobalId('Address', input.addressId, 'addressId'),
          input.accessNotes,
        ),
      }),
      removeAddress: async (_: unknown, { input }: { input: { addressId: string } }, ctx: GraphQLContext) => {
        await service.removeAddress(
          requireViewer(ctx.viewer),
          fromGlobalId('Address', input.addressId, 'addressId'),
        );
        return { removedAddressId: input.addressId };
      },
    },
    User: {
      addresses: (user: User, args: { first?: number; after?: string }, ctx: GraphQLContext) =>
        service.addresses(requireViewer(ctx.viewer), user.id, args),
    },
    Address: {
      id: (a: Address) => toGlobalId('Address', a.id),
      accessNotes: (a: Address) => ({ parking: a.parking, pets: a.pets, stairs: a.stairs, entry: a.entry }),
    },
  };
}

/**
 * Per-row fields and federated references as loaders: a page of users (or of references to users and
 * addresses) costs the same statements whatever its size.
 */
export function profilesLoaders(repo: ProfilesRepository) {
  return {
    User: {
      profile: async (queries: { obj: User }[], context: object) => {
        const { viewer } = context as GraphQLContext;
        const profiles = new Map(
          (await repo.findProfiles(queries.map((q) => q.obj.id))).map((p) => [p.userId, p]),
        );
        return queries.map(({ obj: user }) => {
          const profile = profiles.get(user.id);
          const visible = viewer && (viewer.userId === user.id || viewer.role === 'ADMIN');
          return profile && visible ? profileView(profile) : null;
        });
      },
    },
    Address: { __resolveReference: referenceLoader('Address', (ids) => repo.findAddresses(ids)) },
  };
}
