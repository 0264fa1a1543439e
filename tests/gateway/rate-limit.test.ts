import { callsSignIn } from '@mm/gateway/src/modules/edge/rate-limit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'], env: { SIGN_IN_ATTEMPTS_PER_MINUTE: '5' } });
});
afterAll(() => stack.close());

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }';

describe('sign-in rate limit', () => {
  it('refuses the attempt after the limit with RATE_LIMITED, while other queries still pass', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await stack.gql(SIGN_IN, {
        input: { email: 'victim@example.test', password: `guess-${i}-xxxxx` },
      });
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes[5]).toBe('RATE_LIMITED');

    const other = await stack.gql('{ me { id } }');
    expect(other.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('recognises sign-in however the document is written', () => {
    expect(
      callsSignIn({ query: 'mutation { x: signIn(input: {email: "a", password: "b"}) { accessToken } }' }),
    ).toBe(true);
    expect(
      callsSignIn({
        query: 'mutation { signIn #comment\n (input: {email: "a", password: "b"}) { accessToken } }',
      }),
    ).toBe(true);
    expect(callsSignIn({ query: '{ me { id } }' })).toBe(false);
    expect(callsSignIn({ query: '{ me { id } } # signIn' })).toBe(false);
    expect(callsSignIn(null)).toBe(false);
  });
});
