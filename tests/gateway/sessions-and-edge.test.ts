import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity'],
    env: { GRAPHQL_RATE_LIMIT_PER_USER: '8', CORS_ORIGINS: 'https://admin.example.test' },
  });
});
afterAll(() => stack.close());

const ME = '{ me { id } }';
const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('revocation: an access token stops working the moment its sign-in ends', () => {
  it('signOut', async () => {
    const user = await signUp(stack);
    expect((await stack.gql(ME, {}, { token: user.accessToken })).data).not.toBeNull();
    await stack.gql('mutation($i: SignOutInput!) { signOut(input: $i) { signedOut } }', {
      i: { refreshToken: user.refreshToken },
    });
    const after = await stack.gql(ME, {}, { token: user.accessToken });
    expect(after.status).toBe(401);
    expect(code(after)).toBe('UNAUTHENTICATED');
  });

  it('a password change ends every sign-in, and the new session works', async () => {
    const user = await signUp(stack);
    const other = await stack.gql<{ signIn: { accessToken: string } }>(
      'mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }',
      { i: { email: user.email, password: user.password } },
    );
    const changed = await stack.gql<{ changePassword: { accessToken: string } }>(
      'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
      { i: { currentPassword: user.password, newPassword: 'a brand new passphrase' } },
      { token: user.accessToken },
    );
    expect(changed.errors).toBeUndefined();
    expect(code(await stack.gql(ME, {}, { token: user.accessToken }))).toBe('UNAUTHENTICATED');
    expect(code(await stack.gql(ME, {}, { token: other.data!.signIn.accessToken }))).toBe('UNAUTHENTICATED');
    expect(
      (await stack.gql(ME, {}, { token: changed.data!.changePassword.accessToken })).data,
    ).not.toBeNull();
  });

  it('refuses a wrong current password without changing anything', async () => {
    const user = await signUp(stack);
    const res = await stack.gql(
      'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
      { i: { currentPassword: 'not the password', newPassword: 'a brand new passphrase' } },
      { token: user.accessToken },
    );
    expect(code(res)).toBe('INVALID_CREDENTIALS');
    expect((await stack.gql(ME, {}, { token: user.accessToken })).data).not.toBeNull();
  });

  it('reusing a rotated refresh token ends the access tokens of that whole sign-in', async () => {
    const user = await signUp(stack);
    const REFRESH = 'mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { accessToken } }';
    const rotated = await stack.gql<{ refreshSession: { accessToken: string } }>(REFRESH, {
      i: { refreshToken: user.refreshToken },
    });
    const newer = rotated.data!.refreshSession.accessToken;
    expect((await stack.gql(ME, {}, { token: newer })).data).not.toBeNull();
    expect(code(await stack.gql(REFRESH, { i: { refreshToken: user.refreshToken } }))).toBe(
      'REFRESH_TOKEN_REUSED',
    );
    expect(code(await stack.gql(ME, {}, { token: newer }))).toBe('UNAUTHENTICATED');
    expect(code(await stack.gql(ME, {}, { token: user.accessToken }))).toBe('UNAUTHENTICATED');
  });
});

describe('general rate limit per signed-in account', () => {
  it('limits one account without limiting another behind the same address', async () => {
    const [busy, neighbour] = await Promise.all([signUp(stack), signUp(stack)]);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) codes.push(code(await stack.gql(ME, {}, { token: busy.accessToken })));
    expect(codes.slice(0, 8)).toEqual(Array(8).fill(undefined));
    expect(codes.slice(8)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    const res = await stack.gql(ME, {}, { token: neighbour.accessToken });
    expect(res.errors).toBeUndefined();
  });
});

describe('CORS and security headers', () => {
  it('answers an allowed origin’s preflight and names the origin', async () => {
    const res = await stack.gateway.inject({
      method: 'OPTIONS',
      url: '/graphql',
      headers: {
        origin: 'https://admin.example.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://admin.example.test');
    expect(String(res.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('gives an origin outside the allow-list no CORS grant', async () => {
    const res = await stack.gateway.inject({
      method: 'OPTIONS',
      url: '/graphql',
      headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends helmet’s security headers with GraphQL answers', async () => {
    const res = await stack.gateway.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
