import { describe, expect, it } from 'vitest';
import {
  type CredentialRecord,
  checkEligibility,
  DEFAULT_JURISDICTION_RULES,
  type EligibilityReasonCode,
  type LicenseRecord,
  type SessionRequest,
  type TherapistRecord,
} from './eligibility.policy.ts';

const nyLicense: LicenseRecord = {
  jurisdiction: 'US-NY',
  type: 'LMT',
  issuedOn: '2025-01-01',
  expiresOn: '2027-12-31',
  status: 'VERIFIED',
};
const cranio: CredentialRecord = { kind: 'CRANIOSACRAL_TRAINING', status: 'VERIFIED' };
const nyEndorsement: CredentialRecord = {
  kind: 'INTRA_ORAL_ENDORSEMENT',
  status: 'VERIFIED',
  jurisdiction: 'US-NY',
};

const therapist = (patch: Partial<TherapistRecord> = {}): TherapistRecord => ({
  therapist: { status: 'APPROVED' },
  licenses: [nyLicense],
  insurance: { expiresOn: '2027-06-30', status: 'VERIFIED' },
  credentials: [cranio, nyEndorsement],
  backgroundCheck: { status: 'CLEAR' },
  ...patch,
});
const request = (patch: Partial<SessionRequest> = {}): SessionRequest => ({
  jurisdiction: 'US-NY',
  date: '2026-06-15',
  modalities: ['SWEDISH', 'CRANIOSACRAL'],
  requiresIntraOral: true,
  ...patch,
});
const codes = (t: TherapistRecord, r: SessionRequest = request()) =>
  checkEligibility(t, r).reasons.map((x) => x.code);

describe('checkEligibility', () => {
  it('accepts a fully qualified therapist', () => {
    expect(checkEligibility(therapist(), request())).toEqual({ eligible: true, reasons: [] });
  });

  describe('therapist status', () => {
    it.each<[TherapistRecord['therapist']['status'], EligibilityReasonCode[]]>([
      ['APPROVED', []],
      ['DRAFT', ['NOT_APPROVED']],
      ['SUBMITTED', ['NOT_APPROVED']],
      ['IN_REVIEW', ['NOT_APPROVED']],
      ['NEEDS_INFO', ['NOT_APPROVED']],
      ['REJECTED', ['NOT_APPROVED']],
      ['SUSPENDED', ['SUSPENDED']],
    ])('%s → %j', (status, expected) => {
      expect(codes(therapist({ therapist: { status } }))).toEqual(expected);
    });

    it('says why a therapist is suspended', () => {
      const result = checkEligibility(
        therapist({ therapist: { status: 'SUSPENDED', suspendedReason: 'license expired' } }),
        request(),
      );
      expect(result.reasons).toEqual([
        { code: 'SUSPENDED', message: 'The therapist is suspended: license expired.' },
      ]);
    });
  });

  describe('license on the session date (2026-06-15)', () => {
    const lic = (patch: Partial<LicenseRecord>): LicenseRecord => ({ ...nyLicense, ...patch });
    it.each<[string, LicenseRecord[], EligibilityReasonCode[]]>([
      ['no license', [], ['NO_LICENSE_IN_JURISDICTION']],
      ['a license elsewhere only', [lic({ jurisdiction: 'US-NJ' })], ['NO_LICENSE_IN_JURISDICTION']],
      ['expires on the session date', [lic({ expiresOn: '2026-06-15' })], []],
      ['expires the day before', [lic({ expiresOn: '2026-06-14' })], ['LICENSE_EXPIRES_BEFORE_SESSION']],
      ['issued on the session date', [lic({ issuedOn: '2026-06-15' })], []],
      ['issued the day after', [lic({ issuedOn: '2026-06-16' })], ['LICENSE_NOT_YET_VALID']],
      ['pending', [lic({ status: 'PENDING' })], ['LICENSE_NOT_VERIFIED']],
      ['rejected', [lic({ status: 'REJECTED' })], ['LICENSE_NOT_VERIFIED']],
      [
        'pending and expired',
        [lic({ status: 'PENDING', expiresOn: '2026-01-01' })],
        ['LICENSE_NOT_VERIFIED', 'LICENSE_EXPIRES_BEFORE_SESSION'],
      ],
      [
        'an expired one and its verified renewal',
        [lic({ expiresOn: '2026-06-01' }), lic({ issuedOn: '2026-06-01', expiresOn: '2028-06-01' })],
        [],
      ],
      [
        'an expired one and a pending renewal',
        [lic({ expiresOn: '2026-06-01' }), lic({ status: 'PENDING' })],
        ['LICENSE_EXPIRES_BEFORE_SESSION', 'LICENSE_NOT_VERIFIED'],
      ],
      [
        'two expired ones (one reason)',
        [lic({ expiresOn: '2026-06-01' }), lic({ expiresOn: '2025-06-01' })],
        ['LICENSE_EXPIRES_BEFORE_SESSION'],
      ],
    ])('%s → %j', (_label, licenses, expected) => {
      expect(codes(therapist({ licenses }))).toEqual(expected);
    });

    it('says the license expires before the session', () => {
      const result = checkEligibility(therapist({ licenses: [lic({ expiresOn: '2026-06-14' })] }), request());
      expect(result.reasons[0]?.message).toBe(
        'The LMT license in US-NY expires on 2026-06-14, before the session.',
      );
    });
  });

  describe('insurance', () => {
    it.each<[string, TherapistRecord['insurance'], EligibilityReasonCode[]]>([
      ['missing', null, ['INSURANCE_MISSING']],
      ['pending', { expiresOn: '2027-06-30', status: 'PENDING' }, ['INSURANCE_NOT_VERIFIED']],
      ['expires on the session date', { expiresOn: '2026-06-15', status: 'VERIFIED' }, []],
      ['expired the day before', { expiresOn: '2026-06-14', status: 'VERIFIED' }, ['INSURANCE_EXPIRED']],
      [
        'rejected and expired',
        { expiresOn: '2026-01-01', status: 'REJECTED' },
        ['INSURANCE_NOT_VERIFIED', 'INSURANCE_EXPIRED'],
      ],
    ])('%s → %j', (_label, insurance, expected) => {
      expect(codes(therapist({ insurance }))).toEqual(expected);
    });
  });

  describe('background check', () => {
    it.each<[string, TherapistRecord['backgroundCheck'], EligibilityReasonCode[]]>([
      ['clear', { status: 'CLEAR' }, []],
      ['pending', { status: 'PENDING' }, ['BACKGROUND_CHECK_NOT_CLEAR']],
      ['consider', { status: 'CONSIDER' }, ['BACKGROUND_CHECK_NOT_CLEAR']],
      ['expired', { status: 'EXPIRED' }, ['BACKGROUND_CHECK_NOT_CLEAR']],
      ['missing', null, ['BACKGROUND_CHECK_NOT_CLEAR']],
    ])('%s → %j', (_label, backgroundCheck, expected) => {
      expect(codes(therapist({ backgroundCheck }))).toEqual(expected);
    });
  });

  describe('modalities', () => {
    it.each<[string, string[], CredentialRecord[], string[]]>([
      ['Swedish needs only the license', ['SWEDISH'], [], []],
      ['craniosacral with training', ['CRANIOSACRAL'], [cranio], []],
      ['craniosacral without training', ['CRANIOSACRAL'], [], ['CRANIOSACRAL']],
      [
        'craniosacral with pending training',
        ['CRANIOSACRAL'],
        [{ ...cranio, status: 'PENDING' }],
        ['CRANIOSACRAL'],
      ],
      [
        'craniosacral trained for another jurisdiction',
        ['CRANIOSACRAL'],
        [{ ...cranio, jurisdiction: 'US-CA' }],
        ['CRANIOSACRAL'],
      ],
      [
        'craniosacral trained for this jurisdiction',
        ['CRANIOSACRAL'],
        [{ ...cranio, jurisdiction: 'US-NY' }],
        [],
      ],
      [
        'two unqualified modalities: one reason each',
        ['SWEDISH', 'CRANIOSACRAL', 'TRIGGER_POINT'],
        [],
        ['CRANIOSACRAL', 'TRIGGER_POINT'],
      ],
      ['a modality asked twice: one reason', ['CRANIOSACRAL', 'CRANIOSACRAL'], [], ['CRANIOSACRAL']],
      ['an unknown modality fails closed', ['REIKI'], [cranio], ['REIKI']],
      ['no modality at all', [], [], []],
    ])('%s', (_label, modalities, credentials, failing) => {
      const result = checkEligibility(
        therapist({ credentials }),
        request({ modalities, requiresIntraOral: false }),
      );
      expect(result.reasons.map((r) => [r.code, r.modality])).toEqual(
        failing.map((m) => ['MODALITY_NOT_QUALIFIED', m]),
      );
      expect(result.eligible).toBe(failing.length === 0);
    });

    it('explains which training is missing', () => {
      const result = checkEligibility(
        therapist({ credentials: [] }),
        request({ modalities: ['CRANIOSACRAL'], requiresIntraOral: false }),
      );
      expect(result.reasons[0]?.message).toBe(
        'Craniosacral therapy needs a verified CRANIOSACRAL_TRAINING credential valid in US-NY.',
      );
    });
  });

  describe('intra-oral work', () => {
    const caLicense: LicenseRecord = { ...nyLicense, jurisdiction: 'US-CA', type: 'CMT' };
    it.each<[string, string, LicenseRecord, CredentialRecord[], boolean, EligibilityReasonCode[]]>([
      ['required (US-NY), endorsed there', 'US-NY', nyLicense, [nyEndorsement], true, []],
      ['required (US-NY), no endorsement', 'US-NY', nyLicense, [], true, ['NO_INTRA_ORAL_ENDORSEMENT']],
      [
        'required (US-NY), endorsement pending',
        'US-NY',
        nyLicense,
        [{ ...nyEndorsement, status: 'PENDING' }],
        true,
        ['NO_INTRA_ORAL_ENDORSEMENT'],
      ],
      [
        'required (US-NY), endorsed in US-CA',
        'US-NY',
        nyLicense,
        [{ ...nyEndorsement, jurisdiction: 'US-CA' }],
        true,
        ['NO_INTRA_ORAL_ENDORSEMENT'],
      ],
      [
        'required (US-NY), endorsement without jurisdiction',
        'US-NY',
        nyLicense,
        [{ ...nyEndorsement, jurisdiction: null }],
        true,
        ['NO_INTRA_ORAL_ENDORSEMENT'],
      ],
      ['required (US-NY) but not requested', 'US-NY', nyLicense, [], false, []],
      ['not required (US-CA), no endorsement', 'US-CA', caLicense, [], true, []],
      [
        'not required (CA-ON), no endorsement',
        'CA-ON',
        { ...nyLicense, jurisdiction: 'CA-ON', type: 'RMT' },
        [],
        true,
        [],
      ],
    ])('%s → %j', (_label, jurisdiction, license, credentials, requiresIntraOral, expected) => {
      const result = checkEligibility(
        therapist({ licenses: [license], credentials }),
        request({ jurisdiction, modalities: ['SWEDISH'], requiresIntraOral }),
      );
      expect(result.reasons.map((r) => r.code)).toEqual(expected);
    });

    it('reads the rule from the jurisdiction data passed in', () => {
      const rules = {
        ...DEFAULT_JURISDICTION_RULES,
        'US-NY': { name: 'New York', intraOralEndorsementRequired: false },
      };
      const result = checkEligibility(therapist({ credentials: [cranio] }), request(), rules);
      expect(result).toEqual({ eligible: true, reasons: [] });
    });
  });

  it('refuses a jurisdiction the platform does not serve, even with a license there', () => {
    const zz: LicenseRecord = { ...nyLicense, jurisdiction: 'US-ZZ' };
    expect(codes(therapist({ licenses: [zz] }), request({ jurisdiction: 'US-ZZ' }))).toEqual([
      'JURISDICTION_NOT_SUPPORTED',
    ]);
  });

  it('lists every failure at once, in a stable order', () => {
    const result = checkEligibility(
      {
        therapist: { status: 'IN_REVIEW' },
        licenses: [{ ...nyLicense, status: 'PENDING', expiresOn: '2026-01-31' }],
        insurance: null,
        credentials: [],
        backgroundCheck: { status: 'PENDING' },
      },
      request(),
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual([
      'NOT_APPROVED',
      'LICENSE_NOT_VERIFIED',
      'LICENSE_EXPIRES_BEFORE_SESSION',
      'INSURANCE_MISSING',
      'BACKGROUND_CHECK_NOT_CLEAR',
      'MODALITY_NOT_QUALIFIED',
      'NO_INTRA_ORAL_ENDORSEMENT',
    ]);
    expect(result.reasons.every((r) => r.message.length > 0)).toBe(true);
  });

  it('refuses a malformed session date instead of guessing', () => {
    expect(() => checkEligibility(therapist(), request({ date: '15/06/2026' }))).toThrow(RangeError);
  });
});
