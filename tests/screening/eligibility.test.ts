import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, TestClock } from '../harness/index.ts';
import {
  approveApplication,
  createAdmin,
  fillApplication,
  signUpTherapist,
  startScreeningStack,
} from './support/screening.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let admin: Awaited<ReturnType<typeof createAdmin>>;
let therapist: Awaited<ReturnType<typeof signUpTherapist>>;

beforeAll(async () => {
  stack = await startScreeningStack({ now: clock.now });
  admin = await createAdmin(stack);
  therapist = await signUpTherapist(stack);
  // Licensed in New York until 2027-03-31, with craniosacral training but no intra-oral endorsement.
  const items = await fillApplication(stack, therapist, {
    license: { issuedOn: '2025-04-01', expiresOn: '2027-03-31' },
    credentials: [{ kind: 'CRANIOSACRAL_TRAINING' }],
  });
  await approveApplication(stack, therapist, admin, items);
});
afterAll(() => stack.close());

const QUERY = `query($input: TherapistEligibilityInput!) { therapistEligibility(input: $input) { eligible reasons { code message modality } } }`;
type Answer = {
  therapistEligibility: {
    eligible: boolean;
    reasons: { code: string; message: string; modality: string | null }[];
  };
};

const ask = (input: Record<string, unknown>, token = admin.accessToken) =>
  stack.gql<Answer>(QUERY, { input: { therapistId: therapist.id, ...input } }, { token });

describe('therapistEligibility', () => {
  it('valid: licensed in the jurisdiction on the date, qualified for the modality', async () => {
    const res = await ask({ jurisdiction: 'US-NY', date: '2026-12-01', modality: 'CRANIOSACRAL' });
    expect(res.data?.therapistEligibility).toEqual({ eligible: true, reasons: [] });
  });

  it('expired: the license expires before the session', async () => {
    const res = await ask({ jurisdiction: 'US-NY', date: '2027-04-01', modality: 'SWEDISH' });
    expect(res.data?.therapistEligibility.eligible).toBe(false);
    expect(res.data?.therapistEligibility.reasons).toEqual([
      {
        code: 'LICENSE_EXPIRES_BEFORE_SESSION',
        message: 'The LMT license in US-NY expires on 2027-03-31, before the session.',
        modality: null,
      },
    ]);
  });

  it('wrong jurisdiction: no license there', async () => {
    const res = await ask({ jurisdiction: 'US-NJ', date: '2026-12-01', modality: 'SWEDISH' });
    expect(res.data?.therapistEligibility.reasons.map((r) => r.code)).toEqual(['NO_LICENSE_IN_JURISDICTION']);
  });

  it('missing endorsement: intra-oral work in New York', async () => {
    const res = await ask({
      jurisdiction: 'US-NY',
      date: '2026-12-01',
      modality: 'SWEDISH',
      intraOral: true,
    });
    expect(res.data?.therapistEligibility.reasons).toEqual([
      expect.objectContaining({
        code: 'NO_INTRA_ORAL_ENDORSEMENT',
        message: expect.stringContaining('New York requires an intra-oral endorsement'),
      }),
    ]);
  });

  it('an untrained modality is named in its reason', async () => {
    const res = await ask({ jurisdiction: 'US-NY', date: '2026-12-01', modality: 'TRIGGER_POINT' });
    expect(res.data?.therapistEligibility.reasons).toEqual([
      expect.objectContaining({ code: 'MODALITY_NOT_QUALIFIED', modality: 'TRIGGER_POINT' }),
    ]);
  });

  it('the therapist may ask about themself; other therapists and clients may not', async () => {
    const own = await ask(
      { jurisdiction: 'US-NY', date: '2026-12-01', modality: 'SWEDISH' },
      therapist.accessToken,
    );
    expect(own.data?.therapistEligibility.eligible).toBe(true);
    const other = await signUpTherapist(stack);
    const client = await signUp(stack, 'CLIENT');
    for (const token of [other.accessToken, client.accessToken]) {
      const res = await ask({ jurisdiction: 'US-NY', date: '2026-12-01', modality: 'SWEDISH' }, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('refuses a malformed date or jurisdiction with the field named', async () => {
    const res = await ask({ jurisdiction: 'New York', date: '2026-02-30', modality: 'SWEDISH' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      ((res.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path).sort(),
    ).toEqual(['date', 'jurisdiction']);
  });
});
