import { Writable } from 'node:stream';
import { setLogDestination } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeInput, SUBMIT_INTAKE } from '../booking/support/safety.ts';
import { type Stack, signUp, startStack, TestClock } from '../harness/index.ts';

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let stack: Stack;
const clock = new TestClock();
beforeAll(async () => {
  setLogDestination(capture);
  stack = await startStack({
    subgraphs: ['identity', 'booking', 'care'],
    now: clock.now,
    env: { LOG_LEVEL: 'trace' },
  });
});
afterAll(async () => {
  await stack.close();
  setLogDestination(null);
});

describe('nothing secret in logs', () => {
  it('a client’s flow through the gateway leaves no password, token or health answer in any log line', async () => {
    const secrets: string[] = [];
    const password = 'Pw-first-7f3a1c9e';
    const client = await signUp(stack, 'CLIENT', { password });
    secrets.push(password, client.accessToken, client.refreshToken);

    const signIn = await stack.gql<{ signIn: { accessToken: string; refreshToken: string } }>(
      'mutation($i: SignInInput!) { signIn(input: $i) { accessToken refreshToken } }',
      { i: { email: client.email, password } },
    );
    const session = signIn.data!.signIn;
    secrets.push(session.accessToken, session.refreshToken);

    // A password in a URL (refused: GET carries queries only) and a variable in one.
    const urlPassword = 'Pw-in-url-b41d22e0';
    secrets.push(urlPassword);
    const doc = `mutation { signIn(input: {email: "${client.email}", password: "${urlPassword}"}) { accessToken } }`;
    const refused = await stack.gateway.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent(doc)}`,
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(refused.statusCode).toBe(405);
    const urlVariable = 'Var-in-url-99aa01';
    secrets.push(urlVariable);
    await stack.gateway.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('query($x: String) { me { id } }')}&variables=${encodeURIComponent(JSON.stringify({ x: urlVariable }))}`,
    });

    // Health answers: the intake and a diary entry.
    const note = 'Health-note-3c5e8d';
    secrets.push(note);
    const intake = await stack.gql(
      SUBMIT_INTAKE,
      {
        input: {
          answers: intakeInput({
            preferences: { pressure: 'MEDIUM', focusAreas: [{ area: 'SHOULDERS', side: 'BOTH', note }] },
          }),
        },
      },
      { token: session.accessToken },
    );
    expect(intake.errors).toBeUndefined();
    const where = 'Started-behind-eye-51b7';
    const medication = 'Med-name-e0c4aa';
    secrets.push(where, medication);
    const diary = await stack.gql(
      'mutation($i: AddDiaryEntryInput!) { addDiaryEntry(input: $i) { entry { id } } }',
      {
        i: {
          startedAt: new Date(clock.now().getTime() - 3 * 3_600_000).toISOString(),
          peakIntensity: 6,
          isMigraine: true,
          aura: false,
          wokeWithIt: false,
          startedWhere: where,
          medications: [{ name: medication, relief: 'PARTIAL' }],
        },
      },
      { token: session.accessToken },
    );
    expect(diary.errors).toBeUndefined();

    // Client mistakes that carry secrets: a bad variable, broken JSON.
    await stack.gql('mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }', {
      i: { email: client.email, password: 42, extra: password },
    });
    await stack.gateway.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: `{"query": "mutation { signIn(input: {password: \\"${password}\\"`,
    });

    // Password change, refresh reuse and sign-out.
    const newPassword = 'Pw-new-0d9e77f1';
    secrets.push(newPassword);
    const changed = await stack.gql<{ changePassword: { accessToken: string; refreshToken: string } }>(
      'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken refreshToken } }',
      { i: { currentPassword: password, newPassword } },
      { token: session.accessToken },
    );
    const latest = changed.data!.changePassword;
    secrets.push(latest.accessToken, latest.refreshToken);
    await stack.gql('mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { accessToken } }', {
      i: { refreshToken: session.refreshToken },
    });
    await stack.gql('mutation($i: SignOutInput!) { signOut(input: $i) { signedOut } }', {
      i: { refreshToken: latest.refreshToken },
    });

    // The capture really holds the requests' log lines...
    expect(lines.some((l) => l.includes('"url":"/graphql"'))).toBe(true);
    expect(lines.filter((l) => l.includes('"name":"gateway"')).length).toBeGreaterThan(10);
    expect(lines.filter((l) => l.includes('"name":"booking"')).length).toBeGreaterThan(0);
    // ...and none of the secrets, in any encoding a URL or JSON would give them.
    const all = lines.join('\n');
    for (const secret of secrets) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(encodeURIComponent(secret));
    }
    expect(all).not.toContain(client.email.split('@')[0]);
  });
});
