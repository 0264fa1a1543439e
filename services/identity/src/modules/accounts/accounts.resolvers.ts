import type { User } from '@mm/db';
import { fromGlobalId, type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { AccountsRepository } from './accounts.repository.ts';
import type { AccountsService, Session } from './accounts.service.ts';

const authPayload = (s: Session) => s;

export function accountsResolvers(service: AccountsService, repo: AccountsRepository) {
  return {
    Query: {
      me: (_: unknown, __: unknown, ctx: GraphQLContext) => service.me(requireViewer(ctx.viewer)),
    },
    Mutation: {
      signUp: async (_: unknown, { input }: { input: unknown }) =>
        authPayload(await service.signUp(input, null)),
      signIn: async (_: unknown, { input }: { input: { email: string; password: string } }) =>
        authPayload(await service.signIn(input, null)),
      refreshSession: async (_: unknown, { input }: { input: { refreshToken: string } }) =>
        authPayload(await service.refresh(input.refreshToken, null)),
      signOut: async (
        _: unknown,
        { input }: { input: { refreshToken: string; everywhere?: boolean | null } },
      ) => ({
        signedOut: await service.signOut(input.refreshToken, input.everywhere ?? false),
      }),
    },
    User: {
      __resolveReference: (ref: { id: string }) => repo.findUserById(fromGlobalId('User', ref.id)),
      id: (user: User) => toGlobalId('User', user.id),
      email: (user: User, _: unknown, ctx: GraphQLContext) =>
        ctx.viewer && (ctx.viewer.userId === user.id || ctx.viewer.role === 'ADMIN') ? user.email : null,
    },
  };
}
