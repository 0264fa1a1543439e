// Issue 14 item 8 for the headache diary: the client's own words in an entry (note, triggers,
// where it started) are read for red flags like a homework log, through the gateway.
import { Writable } from 'node:stream';
import { fromGlobalId, setLogDestination } from '@mm/graphql-kit';
import { FREE_TEXT_URGENT_GUIDANCE } from '@mm/safety';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, signUpAdmin, startStack, TestClock, type TestUser } from '../harness/index.ts';
import { acknowledgeCareAlerts, completeSession, openCareAlerts } from './helpers.ts';

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

const clock = new TestClock('2026-04-06T15:00:00.000Z');
let stack: Stack;
let client: TestUser;
let lonely: TestUser;
let therapist: TestUser;
let admin: TestUser;

const ADD = /* GraphQL */ `
  mutation($input: AddDiaryEntryInput!) {
    addDiaryEntry(input: $input) {
      entry { id note triggers startedWhere }
      urgent { guidance ruleIds }
      flaggedForReview
    }
  }
`;
type AddOut = {
  addDiaryEntry: {
    entry: { id: string; note: string | null };
    urgent: { guidance: string; ruleIds: string[] } | null;
    flaggedForReview: boolean;
  };
};
type AlertNode = {
  id: string;
  kind: string;
  severity: string;
  clientId: string;
  therapistId: string | null;
  planId: string | null;
  diaryEntryId: string | null;
  symptoms: string[];
  freeTextWords: string[];
};
const FIELDS = 'id kind severity clientId therapistId planId diaryEntryId symptoms freeTextWords';
const QUEUE = `query { careReviewQueue(status: OPEN) { edges { node { ${FIELDS} } } } }`;

beforeAll(async () => {
  setLogDestination(capture);
  stack = await startStack({
    subgraphs: ['identity', 'care'],
    workers: true,
    now: clock.now,
    env: { LOG_LEVEL: 'trace' },
  });
  [client, lonely, therapist] = await Promise.all([
    signUp(stack, 'CLIENT'),
    signUp(stack, 'CLIENT'),
    signUp(stack, 'THERAPIST'),
  ]);
  admin = await signUpAdmin(stack);
  await completeSession(stack, { client, therapist, startsAt: new Date('2026-04-01T13:00:00.000Z') });
});
afterAll(async () => {
  await stack.close();
  setLogDestination(null);
});

const add = (user: TestUser, extra: Record<string, unknown>) =>
  stack.gql<AddOut>(
    ADD,
    {
      input: {
        startedAt: '2026-04-06T09:00:00.000Z',
        endedAt: '2026-04-06T12:00:00.000Z',
        peakIntensity: 6,
        isMigraine: true,
        aura: false,
        wokeWithIt: false,
        ...extra,
      },
    },
    { token: user.accessToken },
  );

const openAlerts = () => openCareAlerts<AlertNode>(stack, admin, FIELDS);

describe('free-text safety in the headache diary', () => {
  it('an ordinary entry with ordinary triggers raises nothing', async () => {
    const res = await add(client, {
      triggers: ['stress', 'bright light', 'red wine'],
      startedWhere: 'behind my left eye',
      note: 'Usual one, went away after a nap.',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.addDiaryEntry).toMatchObject({ urgent: null, flaggedForReview: false });
    expect(res.data!.addDiaryEntry.entry.note).toBe('Usual one, went away after a nap.');
    expect(await openAlerts()).toEqual([]);
  });

  it.each([
    [
      { note: 'Came on like a thunderclap, the worst headache of my life.' },
      ['R1'],
      ['SUDDEN_SEVERE_HEADACHE'],
    ],
    [
      { note: 'During it my face went numb and my speech was slurred' },
      ['R3'],
      ['NUMBNESS', 'SLURRED_SPEECH'],
    ],
    [{ triggers: ['my vision went all blurry on the left'] }, null, ['VISION_CHANGE']],
  ])(
    'a red flag in the entry’s words (%j) returns urgent guidance at once and opens an admin alert',
    async (extra, ruleIds, concepts) => {
      const res = await add(client, extra);
      expect(res.errors).toBeUndefined();
      const out = res.data!.addDiaryEntry;
      expect(out.urgent?.guidance).toBe(FREE_TEXT_URGENT_GUIDANCE);
      if (ruleIds) expect(out.urgent?.ruleIds).toEqual(ruleIds);
      expect(out.urgent?.ruleIds.length).toBeGreaterThan(0);
      expect(out.flaggedForReview).toBe(true);
      const alerts = await openAlerts();
      expect(alerts).toEqual([
        expect.objectContaining({
          kind: 'RED_FLAG_SYMPTOM',
          severity: 'URGENT',
          clientId: client.id,
          therapistId: therapist.id,
          planId: null,
          diaryEntryId: out.entry.id,
        }),
      ]);
      expect([...(alerts[0]?.symptoms ?? [])].sort()).toEqual([...concepts].sort());
      expect(alerts[0]?.freeTextWords.length).toBeGreaterThan(0);
      await acknowledgeCareAlerts(stack, admin);
    },
  );

  it('a negated symptom does not escalate', async () => {
    const res = await add(client, { note: 'No numbness or dizziness this time.' });
    expect(res.data!.addDiaryEntry).toMatchObject({ urgent: null, flaggedForReview: false });
    expect(await openAlerts()).toEqual([]);
  });

  it('words it cannot call harmless go to the therapist’s review queue', async () => {
    const res = await add(client, { note: 'Felt a bit strange afterwards, hard to describe.' });
    expect(res.data!.addDiaryEntry).toMatchObject({ urgent: null, flaggedForReview: true });
    const queue = await stack.gql<{ careReviewQueue: { edges: { node: AlertNode }[] } }>(
      QUEUE,
      {},
      { token: therapist.accessToken },
    );
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.careReviewQueue.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        kind: 'FREE_TEXT_REVIEW',
        severity: 'ROUTINE',
        diaryEntryId: res.data!.addDiaryEntry.entry.id,
        freeTextWords: ['strange'],
      }),
    ]);
    await acknowledgeCareAlerts(stack, admin);
  });

  it('a client with no therapist yet still reaches an admin', async () => {
    const res = await add(lonely, { note: 'Woke up and the room was spinning, I could not stand.' });
    expect(res.data!.addDiaryEntry.urgent?.guidance).toBe(FREE_TEXT_URGENT_GUIDANCE);
    const alerts = await openAlerts();
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'RED_FLAG_SYMPTOM', clientId: lonely.id, therapistId: null }),
    ]);
    // The alert detail is sealed at rest, the words are not in the row in clear.
    const row = await stack.prisma.careAlert.findFirstOrThrow({
      where: { diaryEntryId: fromGlobalId('DiaryEntry', res.data!.addDiaryEntry.entry.id) },
    });
    expect(row.sealed).not.toMatch(/spinning/i);
    await acknowledgeCareAlerts(stack, admin);
  });

  it('nothing the client wrote appears in any log line', () => {
    const all = lines.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const words of [
      'thunderclap',
      'slurred',
      'blurry',
      'strange afterwards',
      'spinning',
      'went away after a nap',
    ])
      expect(all).not.toContain(words);
  });
});
