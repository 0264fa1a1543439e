import { describe, expect, it } from 'vitest';
import {
  hasValidEndorsement,
  offeredModalities,
  PROFILE_MODALITIES,
  profileInput,
  validVerified,
  verifiedCredentials,
} from './profile.policy.ts';

const TODAY = '2026-06-01';
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const item = (patch: Partial<Parameters<typeof validVerified>[0]> = {}) => ({
  id: 'i1',
  status: 'VERIFIED',
  issuedOn: d('2025-01-01'),
  expiresOn: d('2027-01-01'),
  reviewedAt: new Date('2026-02-03T10:00:00Z'),
  ...patch,
});
const endorsement = (patch = {}) => ({
  ...item(patch),
  kind: 'INTRA_ORAL_ENDORSEMENT',
  issuer: null,
  jurisdiction: 'US-NY',
});

describe('validVerified: verified by an admin and valid today', () => {
  it.each([
    ['verified, in range', {}, true],
    ['pending', { status: 'PENDING' }, false],
    ['rejected', { status: 'REJECTED' }, false],
    ['never reviewed', { reviewedAt: null }, false],
    ['issued tomorrow', { issuedOn: d('2026-06-02') }, false],
    ['issued today', { issuedOn: d(TODAY) }, true],
    ['no issue date', { issuedOn: null }, true],
    ['expires today (valid through the day)', { expiresOn: d(TODAY) }, true],
    ['expired yesterday', { expiresOn: d('2026-05-31') }, false],
    ['does not expire', { expiresOn: null }, true],
  ])('%s → %s', (_name, patch, valid) => {
    expect(validVerified(item(patch), TODAY)).toBe(valid);
  });
});

describe('intra-oral work follows the endorsement', () => {
  it.each([
    ['a valid verified endorsement', [endorsement()], true],
    ['a pending endorsement', [endorsement({ status: 'PENDING' })], false],
    ['an expired endorsement', [endorsement({ expiresOn: d('2026-01-01') })], false],
    ['another credential only', [{ ...endorsement(), kind: 'BOARD_CERTIFICATION' }], false],
    ['nothing', [], false],
  ])('%s → endorsed %s', (_name, credentials, endorsed) => {
    expect(hasValidEndorsement(credentials, TODAY)).toBe(endorsed);
    expect(offeredModalities(['INTRA_ORAL', 'SWEDISH'], credentials, TODAY)).toEqual(
      endorsed ? ['SWEDISH', 'INTRA_ORAL'] : ['SWEDISH'],
    );
  });

  it('lists modalities in the enum order, once each, ignoring unknown values', () => {
    expect(offeredModalities(['DEEP_TISSUE', 'NEUROMUSCULAR', 'MASSAGE_GUN'], [], TODAY)).toEqual([
      'NEUROMUSCULAR',
      'DEEP_TISSUE',
    ]);
    expect(offeredModalities([...PROFILE_MODALITIES], [endorsement()], TODAY)).toEqual([
      ...PROFILE_MODALITIES,
    ]);
  });
});

describe('verifiedCredentials: what a client sees as verified', () => {
  it('licenses as STATE_LICENSE and credentials by kind, each with its verification date; nothing unverified or lapsed', () => {
    const licenses = [
      { ...item({ id: 'lic' }), type: 'LMT', jurisdiction: 'US-NY', expiresOn: d('2027-01-01') },
      { ...item({ id: 'lic-old' }), type: 'LMT', jurisdiction: 'US-NJ', expiresOn: d('2026-01-01') },
    ];
    const credentials = [
      {
        ...item({ id: 'board', expiresOn: null }),
        kind: 'BOARD_CERTIFICATION',
        issuer: 'NCBTMB',
        jurisdiction: null,
      },
      {
        ...item({ id: 'amta', status: 'PENDING' }),
        kind: 'PROFESSIONAL_MEMBERSHIP',
        issuer: 'AMTA',
        jurisdiction: null,
      },
    ];
    expect(verifiedCredentials({ licenses, credentials }, TODAY)).toEqual([
      {
        id: 'lic',
        kind: 'STATE_LICENSE',
        issuer: null,
        jurisdiction: 'US-NY',
        licenseType: 'LMT',
        verifiedOn: '2026-02-03',
        expiresOn: '2027-01-01',
      },
      {
        id: 'board',
        kind: 'BOARD_CERTIFICATION',
        issuer: 'NCBTMB',
        jurisdiction: null,
        licenseType: null,
        verifiedOn: '2026-02-03',
        expiresOn: null,
      },
    ]);
  });
});

describe('profileInput', () => {
  it('accepts the free parts and refuses what is out of range', () => {
    expect(profileInput.parse({ bio: '  ', languages: ['en', 'pt-BR'] })).toMatchObject({
      bio: null,
      languages: ['en', 'pt-BR'],
    });
    expect(profileInput.safeParse({ yearsOfPractice: -1 }).success).toBe(false);
    expect(profileInput.safeParse({ yearsOfPractice: 71 }).success).toBe(false);
    expect(profileInput.safeParse({ modalities: ['HOT_STONE'] }).success).toBe(false);
    expect(profileInput.safeParse({ languages: ['english!'] }).success).toBe(false);
    expect(profileInput.safeParse({ bio: 'x'.repeat(4001) }).success).toBe(false);
    expect(profileInput.parse({})).toEqual({});
  });
});
