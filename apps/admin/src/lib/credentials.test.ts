import { describe, expect, it } from 'vitest';
import { canReviewItems, credentialFacts, credentialLabel } from './credentials.ts';

describe('credentials in the review', () => {
  it.each([
    ['PROFESSIONAL_MEMBERSHIP', 'professional membership'],
    ['MIGRAINE_TRAINING', 'migraine or headache training'],
    ['BOARD_CERTIFICATION', 'board certification'],
    ['CRANIOSACRAL_TRAINING', 'craniosacral training'],
  ])('%s → %s', (kind, label) => expect(credentialLabel(kind)).toBe(label));

  it('names issuer, jurisdiction and validity', () => {
    expect(
      credentialFacts({ kind: 'X', issuer: 'AMTA', issuedOn: '2026-01-01', expiresOn: '2027-06-30' }),
    ).toEqual(['Issuer AMTA', 'Issued 2026-01-01', 'Expires 2027-06-30']);
    expect(credentialFacts({ kind: 'X', jurisdiction: 'US-NY' })).toEqual([
      'Issuer not given',
      'Jurisdiction US-NY',
      'Does not expire',
    ]);
  });

  it.each([
    ['IN_REVIEW', true, true],
    ['IN_REVIEW', false, false],
    ['SUBMITTED', true, false],
    ['APPROVED', false, true],
    ['SUSPENDED', false, true],
    ['DRAFT', false, false],
    ['REJECTED', false, false],
  ])('%s, claimed by me %s → reviewable %s', (status, mine, expected) =>
    expect(canReviewItems(status, mine)).toBe(expected),
  );
});
