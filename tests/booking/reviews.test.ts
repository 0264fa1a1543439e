import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  passDayOfCheck,
  type Stack,
  startStack,
  TestClock,
  type TestUser,
} from '../harness/index.ts';
import {
  clientWithIntake,
  rawId,
  registerTherapist,
  searchingBooking,
  type TestTherapist,
  therapistIdentity,
} from './helpers.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity', 'screening', 'booking'],
    workers: true,
    now: clock.now,
  });
});
afterAll(() => stack?.close());

async function ok<T = Record<string, unknown>>(query: string, input: Record<string, unknown>, token: string) {
  const res = await stack.gql<T>(query, { input }, { token });
  expect(res.errors, res.raw).toBeUndefined();
  return res.data as T;
}
const act = (name: string) =>
  `mutation($input: BookingIdInput!) { ${name}(input: $input) { booking { id state } } }`;
const at = (base: number, minutes: number) => new Date(base + minutes * 60_000).toISOString();

/** A session walked through the API to COMPLETED: request, accept, en route, arrive, day-of check, start, complete. */
async function completedSession(client: TestUser, therapist: TestTherapist): Promise<string> {
  const base = clock.now().getTime();
  const { bookingId, globalId } = await searchingBooking(stack, clock, client);
  const offer = await eventually(
    () => stack.prisma.offer.findFirst({ where: { bookingId, therapistId: therapist.id, status: 'OPEN' } }),
    'offer to the therapist',
  );
  await ok(
    `mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`,
    { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications: true },
    therapist.token,
  );
  const input = { bookingId: globalId };
  clock.set(at(base, 90)); // en route opens 2 h before the session
  await ok(act('startEnRoute'), input, therapist.token);
  clock.set(at(base, 170)); // 10 minutes before the session (booked 3 h ahead)
  await ok(act('arriveAtBooking'), input, therapist.token);
  await passDayOfCheck(stack, therapist.token, globalId);
  clock.set(at(base, 180));
  await ok(act('startSession'), input, therapist.token);
  clock.set(at(base, 240));
  await ok(act('completeSession'), input, therapist.token);
  clock.set(at(base, 24 * 60)); // the next day, same hour
  return globalId;
}

const RATE = `mutation($input: RateSessionInput!) { rateSession(input: $input) { rating { id score } } }`;
const REVIEWS = `query($id: ID!, $first: Int, $after: String) { therapist(id: $id) { id reviews(first: $first, after: $after) {
  edges { cursor node { id score text reviewerCompletedSessions answer { text answeredAt } } }
  pageInfo { hasNextPage endCursor } } } }`;
const ANSWER = `mutation($input: AnswerReviewInput!) { answerReview(input: $input) { review { id text answer { text answeredAt } } } }`;

interface ReviewNode {
  id: string;
  score: number;
  text: string | null;
  reviewerCompletedSessions: number;
  answer: { text: string; answeredAt: string } | null;
}

describe('reviews on the therapist', () => {
  it('shows each review with the reviewer’s completed sessions; the therapist answers once', async () => {
    const therapist = await therapistIdentity(stack);
    const other = await therapistIdentity(stack);
    await registerTherapist(stack, therapist.id, { km: 1 });
    // Screening's side of an approved therapist (the approval flow is screening's tests).
    await stack.prisma.therapistApplication.create({
      data: { therapistId: therapist.id, status: 'APPROVED', legalName: 'Ana Silva' },
    });
    const regular = await clientWithIntake(stack, clock);
    const newcomer = await clientWithIntake(stack, clock);

    const first = await completedSession(regular, therapist);
    const second = await completedSession(regular, therapist);
    const once = await completedSession(newcomer, therapist);

    // The post-session pressure report reaches care as a fact: above the agreed cap of 5.
    await ok(
      `mutation($input: ReportSessionPressureInput!) { reportSessionPressure(input: $input) { report { overPressure } } }`,
      { bookingId: second, maxPressureFelt: 7, postSessionMigraine: false },
      regular.accessToken,
    );
    const reported = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { type: 'booking.pressure_reported', aggregateId: rawId(second) },
    });
    expect(reported.payload).toMatchObject({ therapistId: therapist.id, overCap: true });
    expect(JSON.stringify(reported.payload)).not.toContain('postSessionMigraine');

    await ok(RATE, { bookingId: first, score: 4 }, regular.accessToken);
    clock.advance(60_000);
    const text = 'She asked about my triggers first and kept the pressure where we agreed.';
    const rated = await ok<{ rateSession: { rating: { id: string } } }>(
      RATE,
      { bookingId: second, score: 5, comment: text },
      regular.accessToken,
    );
    clock.advance(60_000);
    await ok(RATE, { bookingId: once, score: 3 }, newcomer.accessToken);
    // The therapist's rating of the client is not a review.
    await ok(RATE, { bookingId: once, score: 5, comment: 'Lovely client' }, therapist.token);

    const id = toGlobalId('Therapist', therapist.id);
    const read = async (vars: Record<string, unknown>) => {
      const res = await stack.gql<{
        therapist: {
          reviews: { edges: { node: ReviewNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
      }>(REVIEWS, { id, ...vars }, { token: newcomer.accessToken });
      expect(res.errors, res.raw).toBeUndefined();
      return res.data?.therapist.reviews as {
        edges: { node: ReviewNode }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const all = await read({});
    expect(all.edges.map((e) => e.node)).toEqual([
      { id: expect.any(String), score: 3, text: null, reviewerCompletedSessions: 1, answer: null },
      { id: expect.any(String), score: 5, text, reviewerCompletedSessions: 2, answer: null },
      { id: expect.any(String), score: 4, text: null, reviewerCompletedSessions: 2, answer: null },
    ]);
    // Pages follow on from the cursor without repeats.
    const p1 = await read({ first: 2 });
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await read({ first: 2, after: p1.pageInfo.endCursor });
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect([...p1.edges, ...p2.edges].map((e) => e.node.id)).toEqual(all.edges.map((e) => e.node.id));

    const reviewId = all.edges[1]?.node.id as string;
    // The review is the client's rating of the second session, under its own ID type.
    expect(Buffer.from(reviewId, 'base64url').toString()).toBe(
      `Review:${Buffer.from(rated.rateSession.rating.id, 'base64url').toString().split(':')[1]}`,
    );
    // Only the reviewed therapist answers; a client cannot.
    const byOther = await stack.gql(
      ANSWER,
      { input: { reviewId, text: 'Not mine' } },
      { token: other.token },
    );
    expect(byOther.errors?.[0]?.extensions?.code).toBe('REVIEW_NOT_ANSWERABLE');
    const byClient = await stack.gql(
      ANSWER,
      { input: { reviewId, text: 'Me' } },
      { token: regular.accessToken },
    );
    expect(byClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await stack.gql(ANSWER, { input: { reviewId, text: '  ' } }, { token: therapist.token });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // Two answers at once: exactly one is stored, the other is told why.
    const answers = ['Thank you, see you next month.', 'Thanks!'];
    const raced = await Promise.all(
      answers.map((t) => stack.gql(ANSWER, { input: { reviewId, text: t } }, { token: therapist.token })),
    );
    const winners = raced.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(raced.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('REVIEW_ALREADY_ANSWERED');
    const again = await stack.gql(
      ANSWER,
      { input: { reviewId, text: 'Third try' } },
      { token: therapist.token },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('REVIEW_ALREADY_ANSWERED');
    expect(again.errors?.[0]?.message).toMatch(/answers a review once/);

    const after = await read({});
    const stored = after.edges[1]?.node.answer;
    expect(answers).toContain(stored?.text);
    expect(stored?.answeredAt).toBe(clock.now().toISOString());
  });
});
