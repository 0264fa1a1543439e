import type { Address, Profile, User } from '@mm/db';
import { fromGlobalId, type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { ProfilesRepository } from './profiles.repository.ts';
import type { ProfilesService } from './profiles.service.ts';

const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const profileView = (p: Profile) => ({ ...p, dateOfBirth: dateOnly(p.dateOfBirth) });

export function profilesResolvers(service: ProfilesService, repo: ProfilesRepository) {
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
      profile: async (user: User, _: unknown, ctx: GraphQLContext) => {
        const [profile] = await repo.findProfiles([user.id]);
        const visible = ctx.viewer && (ctx.viewer.userId === user.id || ctx.viewer.role === 'ADMIN');
        return profile && visible ? profileView(profile) : null;
      },
      addresses: (user: User, args: { first?: number; after?: string }, ctx: GraphQLContext) =>
        service.addresses(requireViewer(ctx.viewer), user.id, args),
    },
    Address: {
      __resolveReference: (ref: { id: string }) => repo.findAddress(fromGlobalId('Address', ref.id)),
      id: (a: Address) => toGlobalId('Address', a.id),
      accessNotes: (a: Address) => ({ parking: a.parking, pets: a.pets, stairs: a.stairs, entry: a.entry }),
    },
  };
}
