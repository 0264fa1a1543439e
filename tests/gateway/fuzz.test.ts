import { ERROR_CODES } from '@mm/graphql-kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';

// Property-based fuzzing through the gateway: whatever a client sends, the
// answer is a client-error code with words a person reads, never a 5xx,
// INTERNAL_SERVER_ERROR, a stack trace or a runtime's internal name.
const SEED = 20261202;
const RUNS = 120;

let stack: Stack;
let client: TestUser;
const clock = new TestClock();
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking', 'care'], now: clock.now });
  client = await signUp(stack, 'CLIENT');
});
afterAll(() => stack.close());

const outcomes = new Map<string, number>();
afterAll(() => {
  console.info('fuzz outcomes', Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])));
});

const V8_INTERNALS =
  /TypeError|RangeError|ReferenceError|SyntaxError: Unexpected|Maximum call stack|Cannot read propert|is not a function|is not iterable|undefined is not|\[object Object\]|Unexpected token|at .+:\d+:\d+/;

interface Sent {
  method?: 'GET' | 'POST';
  url?: string;
  headers?: Record<string, string>;
  payload?: string;
}

async function send(req: Sent): Promise<string> {
  const res = await stack.gateway.inject({
    method: req.method ?? 'POST',
    url: req.url ?? '/graphql',
    headers: req.headers ?? { 'content-type': 'application/json' },
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  });
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(res.body).not.toMatch(V8_INTERNALS);
  expect(res.body).not.toContain('"stack"');
  const body = JSON.parse(res.body) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const codes = (body.errors ?? []).map((e) => String(e.extensions?.code));
  for (const e of body.errors ?? []) {
    expect(e.extensions?.code, res.body).not.toBe('INTERNAL_SERVER_ERROR');
    expect(Object.keys(ERROR_CODES), res.body).toContain(e.extensions?.code);
    expect(e.message.length).toBeGreaterThan(5);
  }
  const label = `${res.statusCode} ${codes[0] ?? (body.data ? 'data' : 'empty')}`;
  outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
  return label;
}

const json = (body: unknown): Sent => ({
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});
const check = (arb: fc.Arbitrary<Sent>) =>
  fc.assert(
    fc.asyncProperty(arb, async (req) => {
      await send(req);
    }),
    { seed: SEED, numRuns: RUNS },
  );

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$v',
  '...',
  '@include(if: true)',
  '!',
  '=',
  '|',
  '&',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'User',
  'me',
  'id',
  'role',
  'email',
  'signIn',
  'signUp',
  'input',
  'diaryEntries',
  'addDiaryEntry',
  '__typename',
  '__schema',
  'types',
  'name',
  '"x"',
  '"""block"""',
  '1',
  '-1',
  '1.5e308',
  '99999999999999999999',
  'true',
  'null',
  '#c\n',
  'é',
  '\u0000',
];
const document = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(' '));

describe('fuzzing the gateway (fast-check, fixed seed, bounded runs)', () => {
  it('any JSON body', () =>
    check(
      fc
        .oneof(
          fc.jsonValue(),
          fc.record(
            {
              query: fc.jsonValue(),
              variables: fc.jsonValue(),
              operationName: fc.jsonValue(),
              extensions: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        )
        .map(json),
    ));

  it('any bytes, content type and accept header', () =>
    check(
      fc
        .record({
          payload: fc.string({ maxLength: 200 }),
          type: fc.constantFrom(
            'application/json',
            'text/plain',
            'application/graphql',
            'multipart/form-data',
            '',
          ),
          accept: fc.constantFrom(
            'application/json',
            'application/graphql-response+json',
            'text/html',
            '*/*',
            '',
          ),
        })
        .map(({ payload, type, accept }) => ({
          headers: { ...(type ? { 'content-type': type } : {}), ...(accept ? { accept } : {}) },
          payload,
        })),
    ));

  it('documents made of GraphQL tokens, over POST and GET', () =>
    check(
      fc
        .record({ query: document, get: fc.boolean(), variables: fc.option(fc.jsonValue()) })
        .map(({ query, get, variables }) =>
          get
            ? {
                method: 'GET' as const,
                url: `/graphql?query=${encodeURIComponent(query)}${variables === null ? '' : `&variables=${encodeURIComponent(JSON.stringify(variables))}`}`,
                headers: {},
              }
            : json({ query, variables }),
        ),
    ));

  it('deep nesting in selections, arguments, lists and variables', () =>
    check(
      fc
        .record({
          depth: fc.integer({ min: 1, max: 5000 }),
          kind: fc.constantFrom('list', 'object', 'selection', 'variable'),
        })
        .map(({ depth, kind }) => {
          if (kind === 'selection') return json({ query: `${'{ me '.repeat(depth)}${'}'.repeat(depth)}` });
          if (kind === 'variable') {
            // Written by hand: JSON.stringify itself recurses.
            const v = `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
            return {
              headers: { 'content-type': 'application/json' },
              payload: `{"query":"query($v: [String]) { me { id } }","variables":{"v":${v}}}`,
            };
          }
          const [open, close] = kind === 'list' ? ['[', ']'] : ['{a: ', '}'];
          return json({
            query: `mutation { signIn(input: ${open.repeat(depth)}1${close.repeat(depth)}) { accessToken } }`,
          });
        }),
    ));

  it('subscriptions sent over POST or GET, and mutations over GET', () =>
    check(
      fc.constantFrom(
        json({ query: 'subscription { bookingStatusChanged(viewerId: "x") { id } }' }),
        json({ query: 'subscription S { __typename }' }),
        {
          method: 'GET' as const,
          url: `/graphql?query=${encodeURIComponent('query a { me { id } } query b { me { id } }')}`,
          headers: {},
        },
        json({ query: 'query a { me { id } } query b { me { id } }' }),
        {
          method: 'GET' as const,
          url: `/graphql?query=${encodeURIComponent('subscription { __typename }')}`,
          headers: {},
        },
        {
          method: 'GET' as const,
          url: `/graphql?query=${encodeURIComponent('mutation { signOut(input: {refreshToken: "x"}) { signedOut } }')}`,
          headers: {},
        },
      ),
    ));

  it('sign-in and sign-up with values of every type', () =>
    check(
      fc
        .record({
          email: fc.jsonValue(),
          password: fc.jsonValue(),
          role: fc.jsonValue(),
          fullName: fc.jsonValue(),
        })
        .map((input) =>
          json({
            query: 'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
            variables: { i: input },
          }),
        ),
    ));

  it('diary entries with dates and numbers that make no sense are refused with BAD_USER_INPUT or DIARY_ENTRY_INVALID', () =>
    fc.assert(
      fc.asyncProperty(
        fc.record({
          startOffsetHours: fc.integer({ min: -24 * 400, max: 24 * 400 }),
          lengthHours: fc.option(fc.integer({ min: -100, max: 24 * 60 })),
          peakIntensity: fc.oneof(
            fc.integer({ min: -50, max: 60 }),
            fc.double({ noNaN: true }).map((d) => d),
          ),
          startedAt: fc.option(
            fc.constantFrom('2026-02-30T00:00:00Z', 'yesterday', '', '9999-12-31T23:59:59Z'),
          ),
        }),
        async ({ startOffsetHours, lengthHours, peakIntensity, startedAt }) => {
          const start = new Date(clock.now().getTime() + startOffsetHours * 3_600_000);
          const end = lengthHours === null ? null : new Date(start.getTime() + lengthHours * 3_600_000);
          const res = await stack.gateway.inject({
            method: 'POST',
            url: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${client.accessToken}` },
            payload: JSON.stringify({
              query: 'mutation($i: AddDiaryEntryInput!) { addDiaryEntry(input: $i) { entry { id } } }',
              variables: {
                i: {
                  startedAt: startedAt ?? start.toISOString(),
                  endedAt: end?.toISOString() ?? null,
                  peakIntensity,
                  isMigraine: true,
                  aura: false,
                  wokeWithIt: false,
                },
              },
            }),
          });
          const body = res.json() as { data?: unknown; errors?: { extensions: { code: string } }[] };
          const code = body.errors?.[0]?.extensions.code;
          const label = `diary ${res.statusCode} ${code ?? 'saved'}`;
          outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
          const sensible =
            startedAt === null &&
            Number.isInteger(peakIntensity) &&
            peakIntensity >= 0 &&
            peakIntensity <= 10 &&
            startOffsetHours <= 0 &&
            (end === null ||
              (end >= start &&
                end.getTime() <= clock.now().getTime() + 5 * 60_000 &&
                lengthHours! <= 31 * 24));
          if (sensible) expect(code, res.body).toBeUndefined();
          else
            expect(
              ['BAD_USER_INPUT', 'DIARY_ENTRY_INVALID', 'GRAPHQL_VALIDATION_FAILED'],
              res.body,
            ).toContain(code);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    ));
});
