import type { User } from '@mm/db';
import { type GraphQLContext, requireViewer, toGlobalId } from '@mm/graphql-kit';
import type { AccountsService } from './accounts.service.ts';

export function accountsResolvers(service: AccountsService) {
  return {
    Query: {
      me: (_: unknown, __: unknown, ctx: GraphQLContext) => service.me(requireViewer(ctx.viewer)),
    },
    Mutation: {
      signUp: (_: unknown, { input }: { input: unknown }) => service.signUp(input, null),
      signIn: (_: unknown, { input }: { input: { email: string; password: string } }) =>
        service.signIn(input, null),
      refreshSession: (_: unknown, { input }: { input: { refreshToken: string } }) =>
        service.refresh(input.refreshToken, null),
      changePassword: (
        _: unknown,
        { input }: { input: { currentPassword: string; newPassword: string } },
        ctx: GraphQLContext,
      ) => service.changePassword(requireViewer(ctx.viewer), input, null),
      signOut: async (
        _: unknown,
        { input }: { input: { refreshToken: string; everywhere?: boolean | null } },
      ) => ({
        signedOut: await service.signOut(input.refreshToken, input.everywhere ?? false),
      }),
    },
    User: {
      id: (user: User) => toGlobalId('User', user.id),
      email: (user: User, _: unknown, ctx: GraphQLContext) =>
        ctx.viewer && (ctx.viewer.userId === user.id || ctx.viewer.role === 'ADMIN') ? user.email : null,
    },
  };
}
