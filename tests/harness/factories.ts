import { randomUUID } from 'node:crypto';
import { fromGlobalId } from '@mm/graphql-kit';
import type { Stack } from './stack.ts';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { accessToken refreshToken user { id } }
  }
`;

/** Signs a new account up through the gateway, exactly as an app would. */
export async function signUp(
  stack: Stack,
  role: 'CLIENT' | 'THERAPIST' = 'CLIENT',
  overrides: { email?: string; password?: string; fullName?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `${role.toLowerCase()}-${randomUUID()}@example.test`;
  const password = overrides.password ?? 'correct horse battery staple';
  const res = await stack.gql<{
    signUp: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(SIGN_UP, {
    input: { email, password, role, fullName: overrides.fullName ?? `Test ${role}` },
  });
  if (!res.data) throw new Error(`signUp failed: ${res.raw}`);
  return { id: res.data.signUp.user.id, email, password, ...res.data.signUp };
}

/** An admin: admins come from an operator command, so an account is promoted in the database, then signs in. */
export async function signUpAdmin(stack: Stack): Promise<TestUser> {
  const user = await signUp(stack, 'CLIENT');
  await stack.prisma.user.update({ where: { id: fromGlobalId('User', user.id) }, data: { role: 'ADMIN' } });
  const res = await stack.gql<{ signIn: { accessToken: string; refreshToken: string } }>(
    'mutation($i: SignInInput!) { signIn(input: $i) { accessToken refreshToken } }',
    { i: { email: user.email, password: user.password } },
  );
  if (!res.data) throw new Error(`admin signIn failed: ${res.raw}`);
  return { ...user, ...res.data.signIn };
}
