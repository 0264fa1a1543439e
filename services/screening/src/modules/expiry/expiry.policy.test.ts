import { addDays } from '@mm/eligibility';
import { describe, expect, it } from 'vitest';
import { type ExpiringDocument, evaluateExpiries, reinstatementDecision } from './expiry.policy.ts';

const TODAY = '2026-06-01';
const license = (patch: Partial<ExpiringDocument> = {}): ExpiringDocument => ({
  id: 'lic-ny',
  therapistId: 'ther-1',
  kind: 'LICENSE',
  jurisdiction: 'US-NY',
  issuedOn: '2024-01-01',
  expiresOn: '2027-01-01',
  status: 'VERIFIED',
  ...patch,
});
const insurance = (patch: Partial<ExpiringDocument> = {}): ExpiringDocument => ({
  id: 'ins',
  therapistId: 'ther-1',
  kind: 'INSURANCE',
  jurisdiction: null,
  issuedOn: '2026-01-01',
  expiresOn: '2027-01-01',
  status: 'VERIFIED',
  ...patch,
});

describe('reminders: the one most relevant threshold per document', () => {
  it.each([
    [31, null],
    [30, 30],
    [29, 30],
    [8, 30],
    [7, 7],
    [2, 7],
    [1, 1],
    [0, 1], // expires today: still valid today, last call
    [-1, null], // expired: no reminder, an expiry instead
  ])('%i days left → %s-day reminder', (daysLeft, daysBefore) => {
    const doc = license({ expiresOn: addDays(TODAY, daysLeft) });
    const { reminders } = evaluateExpiries({ today: TODAY, documents: [doc] });
    expect(reminders).toEqual(
      daysBefore === null
        ? []
        : [
            {
              dedupeKey: `lic-ny-${daysBefore}`,
              documentId: 'lic-ny',
              therapistId: 'ther-1',
              kind: 'LICENSE',
              jurisdiction: 'US-NY',
              expiresOn: doc.expiresOn,
              daysBefore,
              daysLeft,
            },
          ],
    );
  });

  /** Runs the job on the given days, letting a unique-key table (a Set) drop repeats. */
  function simulate(expiresOn: string, runDays: number[], runsPerDay = 1) {
    const sentKeys = new Set<string>();
    const sent: { daysLeft: number; daysBefore: number }[] = [];
    for (const daysLeft of runDays) {
      for (let run = 0; run < runsPerDay; run += 1) {
        const today = addDays(expiresOn, -daysLeft);
        for (const r of evaluateExpiries({ today, documents: [license({ expiresOn })] }).reminders) {
          if (sentKeys.has(r.dedupeKey)) continue;
          sentKeys.add(r.dedupeKey);
          sent.push({ daysLeft: r.daysLeft, daysBefore: r.daysBefore });
        }
      }
    }
    return sent;
  }
  const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

  it('sends 30, 7 and 1 exactly once over daily runs, even running twice a day', () => {
    const expected = [
      { daysLeft: 30, daysBefore: 30 },
      { daysLeft: 7, daysBefore: 7 },
      { daysLeft: 1, daysBefore: 1 },
    ];
    expect(simulate('2026-07-15', range(45, -3))).toEqual(expected);
    expect(simulate('2026-07-15', range(45, -3), 2)).toEqual(expected);
  });

  it('after a 3-day outage over a threshold, sends that reminder once, late', () => {
    const runDays = range(45, 31).concat(range(27, -3)); // down on days 30, 29, 28
    expect(simulate('2026-07-15', runDays)).toEqual([
      { daysLeft: 27, daysBefore: 30 },
      { daysLeft: 7, daysBefore: 7 },
      { daysLeft: 1, daysBefore: 1 },
    ]);
  });

  it('after an outage spanning two thresholds, sends only the tighter one', () => {
    const runDays = range(45, 31).concat(range(5, -3)); // down from day 30 to day 6
    expect(simulate('2026-07-15', runDays)).toEqual([
      { daysLeft: 5, daysBefore: 7 },
      { daysLeft: 1, daysBefore: 1 },
    ]);
  });

  it('honours a different threshold list', () => {
    const doc = license({ expiresOn: addDays(TODAY, 50) });
    const { reminders } = evaluateExpiries(
      { today: TODAY, documents: [doc] },
      { reminderDaysBefore: [60, 14] },
    );
    expect(reminders.map((r) => r.dedupeKey)).toEqual(['lic-ny-60']);
  });
});

describe('expiry, renewals and suspension', () => {
  const run = (documents: ExpiringDocument[], today = TODAY) => evaluateExpiries({ today, documents });

  it('a license that expired yesterday → license.expired and a suspension', () => {
    const result = run([license({ expiresOn: '2026-05-31' }), insurance()]);
    expect(result.expired).toEqual([
      {
        dedupeKey: 'lic-ny-expired',
        event: 'license.expired',
        documentId: 'lic-ny',
        therapistId: 'ther-1',
        kind: 'LICENSE',
        jurisdiction: 'US-NY',
        expiresOn: '2026-05-31',
      },
    ]);
    expect(result.suspensions).toEqual([
      {
        therapistId: 'ther-1',
        cause: 'DOCUMENT_EXPIRED',
        reason: 'Expired: license (US-NY).',
        documentIds: ['lic-ny'],
      },
    ]);
  });

  it('a license expiring today is still valid today', () => {
    expect(run([license({ expiresOn: TODAY }), insurance()])).toMatchObject({ expired: [], suspensions: [] });
  });

  it('keeps reporting an expiry on later runs under the same dedupe key (a missed run still catches it)', () => {
    const docs = [license({ expiresOn: '2026-05-20' }), insurance()];
    for (const today of ['2026-05-21', '2026-05-25', TODAY]) {
      expect(run(docs, today).expired.map((e) => e.dedupeKey)).toEqual(['lic-ny-expired']);
    }
  });

  it('expired insurance suspends even with a valid license', () => {
    const result = run([license(), insurance({ expiresOn: '2026-05-01' })]);
    expect(result.expired.map((e) => e.event)).toEqual(['insurance.expired']);
    expect(result.suspensions.map((s) => s.reason)).toEqual(['Expired: insurance.']);
  });

  it('a lapsed license in one of two jurisdictions emits its event but does not suspend', () => {
    const nj = license({ id: 'lic-nj', jurisdiction: 'US-NJ', expiresOn: '2026-05-15' });
    const result = run([license(), nj, insurance()]);
    expect(result.expired.map((e) => [e.documentId, e.event])).toEqual([['lic-nj', 'license.expired']]);
    expect(result.suspensions).toEqual([]);
  });

  it('every license lapsed → one suspension naming them all', () => {
    const nj = license({ id: 'lic-nj', jurisdiction: 'US-NJ', expiresOn: '2026-05-15' });
    const result = run([license({ expiresOn: '2026-05-30' }), nj, insurance()]);
    expect(result.suspensions).toEqual([
      {
        therapistId: 'ther-1',
        cause: 'DOCUMENT_EXPIRED',
        reason: 'Expired: license (US-NY), license (US-NJ).',
        documentIds: ['lic-ny', 'lic-nj'],
      },
    ]);
  });

  it('a verified renewal silences the old license: no reminders, no expiry', () => {
    const old = license({ expiresOn: addDays(TODAY, 5) });
    const renewal = license({ id: 'lic-ny-2', issuedOn: '2026-05-01', expiresOn: '2028-06-05' });
    expect(run([old, renewal, insurance()])).toEqual({ reminders: [], expired: [], suspensions: [] });
    // And after the old one's date has passed.
    expect(run([old, renewal, insurance()], addDays(TODAY, 10))).toEqual({
      reminders: [],
      expired: [],
      suspensions: [],
    });
  });

  it('a pending renewal does not: the old license still reminds and expires', () => {
    const old = license({ expiresOn: addDays(TODAY, 5) });
    const pending = license({
      id: 'lic-ny-2',
      issuedOn: '2026-05-01',
      expiresOn: '2028-06-05',
      status: 'PENDING',
    });
    expect(run([old, pending, insurance()]).reminders.map((r) => r.dedupeKey)).toEqual(['lic-ny-7']);
    expect(run([old, pending, insurance()], addDays(TODAY, 6)).expired.map((e) => e.documentId)).toEqual([
      'lic-ny',
    ]);
  });

  it('a renewal starting after a gap: the old license expires and the therapist is suspended for the gap', () => {
    const old = license({ expiresOn: '2026-05-30' });
    const later = license({ id: 'lic-ny-2', issuedOn: '2026-06-05', expiresOn: '2028-06-05' });
    const result = run([old, later, insurance()]);
    expect(result.expired.map((e) => e.documentId)).toEqual(['lic-ny']);
    expect(result.suspensions.map((s) => s.therapistId)).toEqual(['ther-1']);
    expect(run([old, later, insurance()], '2026-06-05')).toEqual({
      reminders: [],
      expired: [],
      suspensions: [],
    });
  });

  it('ignores documents that were never verified', () => {
    const docs = [
      license({ status: 'PENDING', expiresOn: addDays(TODAY, 3) }),
      insurance({ status: 'REJECTED', expiresOn: '2026-01-01' }),
    ];
    expect(run(docs)).toEqual({ reminders: [], expired: [], suspensions: [] });
  });

  it('keeps therapists apart', () => {
    const docs = [
      license({ expiresOn: '2026-05-01' }),
      insurance(),
      license({ id: 'lic-2', therapistId: 'ther-2', expiresOn: addDays(TODAY, 7) }),
      insurance({ id: 'ins-2', therapistId: 'ther-2' }),
    ];
    const result = run(docs);
    expect(result.expired.map((e) => e.therapistId)).toEqual(['ther-1']);
    expect(result.suspensions.map((s) => s.therapistId)).toEqual(['ther-1']);
    expect(result.reminders.map((r) => [r.therapistId, r.dedupeKey])).toEqual([['ther-2', 'lic-2-7']]);
  });
});

describe('reinstatementDecision', () => {
  const suspended = { id: 'ther-1', status: 'SUSPENDED' as const, suspensionCause: 'DOCUMENT_EXPIRED' };
  const expiredLicense = license({ expiresOn: '2026-05-30' });
  const newLicense = license({ id: 'lic-ny-2', issuedOn: '2026-05-31', expiresOn: '2028-05-31' });

  it.each<
    [
      string,
      typeof suspended | { id: string; status: 'APPROVED' | 'SUSPENDED'; suspensionCause: string | null },
      ExpiringDocument[],
      boolean,
      string,
    ]
  >([
    [
      'a new valid license after an expiry suspension',
      suspended,
      [expiredLicense, newLicense, insurance()],
      true,
      'A verified license and insurance are valid again.',
    ],
    [
      'the new license still pending',
      suspended,
      [expiredLicense, { ...newLicense, status: 'PENDING' }, insurance()],
      false,
      'No verified license is valid today.',
    ],
    [
      'the new license valid only from tomorrow',
      suspended,
      [expiredLicense, { ...newLicense, issuedOn: '2026-06-02' }, insurance()],
      false,
      'No verified license is valid today.',
    ],
    [
      'a new license but lapsed insurance',
      suspended,
      [newLicense, insurance({ expiresOn: '2026-05-01' })],
      false,
      'No verified insurance is valid today.',
    ],
    [
      'an admin suspension',
      { ...suspended, suspensionCause: 'ADMIN' },
      [newLicense, insurance()],
      false,
      'The suspension was not caused by an expired document; an admin must reinstate.',
    ],
    [
      'an unknown cause',
      { ...suspended, suspensionCause: null },
      [newLicense, insurance()],
      false,
      'The suspension was not caused by an expired document; an admin must reinstate.',
    ],
    [
      'a therapist who is not suspended',
      { ...suspended, status: 'APPROVED' },
      [newLicense, insurance()],
      false,
      'The therapist is APPROVED, not SUSPENDED.',
    ],
    [
      'only another therapist’s documents are valid',
      suspended,
      [{ ...newLicense, therapistId: 'ther-2' }, insurance()],
      false,
      'No verified license is valid today.',
    ],
  ])('%s → %s', (_label, therapist, documents, reinstate, reason) => {
    expect(reinstatementDecision({ today: TODAY, therapist, documents })).toEqual({ reinstate, reason });
  });
});

describe('credentials (issue 18): reminded and expired like licenses, never suspending', () => {
  const credential = (patch: Partial<ExpiringDocument> = {}): ExpiringDocument => ({
    id: 'cred-board',
    therapistId: 'ther-1',
    kind: 'CREDENTIAL',
    credentialKind: 'BOARD_CERTIFICATION',
    jurisdiction: null,
    issuedOn: '2025-01-01',
    expiresOn: '2026-05-31',
    status: 'VERIFIED',
    ...patch,
  });

  it('a lapsed credential expires once (credential.expired) and does not suspend', () => {
    const result = evaluateExpiries({ today: TODAY, documents: [license(), insurance(), credential()] });
    expect(result.expired).toEqual([
      expect.objectContaining({ documentId: 'cred-board', event: 'credential.expired', kind: 'CREDENTIAL' }),
    ]);
    expect(result.suspensions).toEqual([]);
  });

  it('a credential lapsing with the last license suspends for the license only', () => {
    const result = evaluateExpiries({
      today: TODAY,
      documents: [license({ expiresOn: '2026-05-01' }), insurance(), credential()],
    });
    expect(result.suspensions).toEqual([expect.objectContaining({ documentIds: ['lic-ny'] })]);
  });

  it('a renewal supersedes only a credential of the same kind', () => {
    const renewal = credential({ id: 'cred-board-2', expiresOn: '2028-05-31' });
    const membership = credential({ id: 'cred-amta', credentialKind: 'PROFESSIONAL_MEMBERSHIP' });
    const result = evaluateExpiries({ today: TODAY, documents: [credential(), renewal, membership] });
    expect(result.expired.map((e) => e.documentId)).toEqual(['cred-amta']);
  });

  it('reminds 7 days before with the credential named', () => {
    const { reminders } = evaluateExpiries({
      today: TODAY,
      documents: [credential({ expiresOn: addDays(TODAY, 7) })],
    });
    expect(reminders).toEqual([
      expect.objectContaining({ kind: 'CREDENTIAL', daysBefore: 7, dedupeKey: 'cred-board-7' }),
    ]);
  });
});
