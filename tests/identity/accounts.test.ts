import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'] });
});
afterAll(() => stack.close());

const ME = '{ me { id role email } }';
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;
const SIGN_OUT = `mutation($input: SignOutInput!) { signOut(input: $input) { signedOut } }`;

type Tokens = { accessToken: string; refreshToken: string };

describe('sign-up and sign-in through the gateway', () => {
  it('signs a client up and answers me with the access token', async () => {
    const user = await signUp(stack, 'CLIENT');
    const me = await stack.gql<{ me: { id: string; role: string; email: string } }>(
      ME,
      {},
      { token: user.accessToken },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({ id: user.id, role: 'CLIENT', email: user.email });
    // IDs are opaque, not raw database keys.
    expect(user.id).not.toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signs a therapist up with the THERAPIST role', async () => {
    const user = await signUp(stack, 'THERAPIST');
    const me = await stack.gql<{ me: { role: string } }>(ME, {}, { token: user.accessToken });
    expect(me.data?.me.role).toBe('THERAPIST');
  });

  it('refuses ADMIN as a self-chosen role', async () => {
    const res = await stack.gql(
      `mutation { signUp(input: { email: "a@b.test", password: "long enough pw", role: ADMIN, fullName: "X" }) { accessToken } }`,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const user = await signUp(stack, 'CLIENT');
    const res = await stack.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
      input: {
        email: user.email.toUpperCase(),
        password: 'another long password',
        role: 'CLIENT',
        fullName: 'Dup',
      },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('EMAIL_TAKEN');
    expect(await stack.prisma.user.count({ where: { email: user.email } })).toBe(1);
  });

  it('names every invalid field of a bad sign-up', async () => {
    const res = await stack.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
      input: {
        email: 'not-an-email',
        password: 'short',
        role: 'CLIENT',
        fullName: 'X',
        timezone: 'Mars/Olympus',
      },
    });
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = ((error?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path).sort();
    expect(fields).toEqual(['email', 'password', 'timezone']);
  });

  it('signs in with the right password and refuses a wrong one or an unknown email alike', async () => {
    const user = await signUp(stack, 'CLIENT');
    const ok = await stack.gql<{ signIn: Tokens & { user: { id: string } } }>(SIGN_IN, {
      input: { email: user.email, password: user.password },
    });
    expect(ok.data?.signIn.user.id).toBe(user.id);

    const wrong = await stack.gql(SIGN_IN, { input: { email: user.email, password: 'wrong password!!' } });
    const unknown = await stack.gql(SIGN_IN, {
      input: { email: 'nobody@example.test', password: 'whatever123' },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const user = await signUp(stack, 'CLIENT');
    const row = await stack.prisma.user.findUniqueOrThrow({ where: { email: user.email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(user.password);
  });

  it('answers me without a token with UNAUTHENTICATED, and a forged token with 401', async () => {
    const anonymous = await stack.gql(ME);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const user = await signUp(stack, 'CLIENT');
    const forged = `${user.accessToken.slice(0, -4)}AAAA`;
    const res = await stack.gql(ME, {}, { token: forged });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('refresh tokens rotate, and reuse revokes the family', () => {
  it('returns a new pair and retires the old refresh token', async () => {
    const user = await signUp(stack, 'CLIENT');
    const first = await stack.gql<{ refreshSession: Tokens }>(REFRESH, {
      input: { refreshToken: user.refreshToken },
    });
    expect(first.errors).toBeUndefined();
    const next = first.data!.refreshSession;
    expect(next.refreshToken).not.toBe(user.refreshToken);
    const me = await stack.gql<{ me: { id: string } }>(ME, {}, { token: next.accessToken });
    expect(me.data?.me.id).toBe(user.id);
  });

  it('treats a replayed refresh token as theft: every token of that sign-in dies', async () => {
    const user = await signUp(stack, 'CLIENT');
    const rotated = await stack.gql<{ refreshSession: Tokens }>(REFRESH, {
      input: { refreshToken: user.refreshToken },
    });
    const descendant = rotated.data!.refreshSession.refreshToken;

    const replay = await stack.gql(REFRESH, { input: { refreshToken: user.refreshToken } });
    expect(replay.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_REUSED');

    const afterTheft = await stack.gql(REFRESH, { input: { refreshToken: descendant } });
    expect(afterTheft.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('keeps other sign-ins alive when one family is revoked', async () => {
    const user = await signUp(stack, 'CLIENT');
    const other = await stack.gql<{ signIn: Tokens }>(SIGN_IN, {
      input: { email: user.email, password: user.password },
    });
    await stack.gql(REFRESH, { input: { refreshToken: user.refreshToken } });
    await stack.gql(REFRESH, { input: { refreshToken: user.refreshToken } }); // reuse: family of the sign-up dies
    const stillAlive = await stack.gql(REFRESH, { input: { refreshToken: other.data!.signIn.refreshToken } });
    expect(stillAlive.errors).toBeUndefined();
  });

  it('lets exactly one of two racing refreshes of one token win, and then revokes the family', async () => {
    const user = await signUp(stack, 'CLIENT');
    const results = await Promise.all(
      Array.from({ length: 2 }, () =>
        stack.gql<{ refreshSession: Tokens }>(REFRESH, { input: { refreshToken: user.refreshToken } }),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers[0]?.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_REUSED');
    const winnerToken = winners[0]!.data!.refreshSession.refreshToken;
    const after = await stack.gql(REFRESH, { input: { refreshToken: winnerToken } });
    expect(after.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('signs out: the refresh token stops working', async () => {
    const user = await signUp(stack, 'CLIENT');
    const out = await stack.gql<{ signOut: { signedOut: boolean } }>(SIGN_OUT, {
      input: { refreshToken: user.refreshToken },
    });
    expect(out.data?.signOut.signedOut).toBe(true);
    const res = await stack.gql(REFRESH, { input: { refreshToken: user.refreshToken } });
    expect(res.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('refuses an unknown refresh token', async () => {
    const res = await stack.gql(REFRESH, { input: { refreshToken: 'made-up-token' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
  });
});
