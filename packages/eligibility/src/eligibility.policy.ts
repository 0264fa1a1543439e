import { epochDay, type IsoDate } from './iso-date.ts';

/** The therapist's vetting status, as screening's application workflow names it. */
export type ApplicationState =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'IN_REVIEW'
  | 'APPROVED'
  | 'REJECTED'
  | 'NEEDS_INFO'
  | 'SUSPENDED';

/**
 * May this therapist take this session? Returns every reason they may not, so
 * an admin (or the therapist) sees the whole picture at once, not one failure
 * at a time. Booking uses the same rules, as a database filter, to find
 * candidates; this is the explainable version.
 *
 * Dates are calendar days (IsoDate). A document is valid on every day from
 * `issuedOn` through `expiresOn`, both inclusive. `request.date` is the
 * session's local date in the client's timezone.
 */

export type VerificationStatus = 'VERIFIED' | 'PENDING' | 'REJECTED';
export type BackgroundCheckStatus = 'CLEAR' | 'PENDING' | 'CONSIDER' | 'SUSPENDED' | 'EXPIRED';

export interface LicenseRecord {
  /** ISO 3166-2, e.g. "US-NY", "CA-ON". */
  readonly jurisdiction: string;
  /** e.g. "LMT", "RMT", "CMT". */
  readonly type: string;
  readonly issuedOn: IsoDate;
  readonly expiresOn: IsoDate;
  readonly status: VerificationStatus;
}

export interface CredentialRecord {
  /** e.g. "CRANIOSACRAL_TRAINING", "INTRA_ORAL_ENDORSEMENT". */
  readonly kind: string;
  readonly status: VerificationStatus;
  /** Set when the credential is granted by a jurisdiction and valid only there. */
  readonly jurisdiction?: string | null;
}

export interface TherapistRecord {
  readonly therapist: { readonly status: ApplicationState; readonly suspendedReason?: string | null };
  readonly licenses: readonly LicenseRecord[];
  readonly insurance: { readonly expiresOn: IsoDate; readonly status: VerificationStatus } | null;
  readonly credentials: readonly CredentialRecord[];
  readonly backgroundCheck: { readonly status: BackgroundCheckStatus } | null;
}

export interface SessionRequest {
  readonly jurisdiction: string;
  readonly date: IsoDate;
  /** Modality codes, e.g. ["SWEDISH", "CRANIOSACRAL"]. */
  readonly modalities: readonly string[];
  readonly requiresIntraOral: boolean;
}

export interface JurisdictionRule {
  readonly name: string;
  readonly intraOralEndorsementRequired: boolean;
}
export type JurisdictionRules = Readonly<Record<string, JurisdictionRule>>;

/**
 * CONFIGURATION, NOT LEGAL ADVICE. Example values so the platform runs; before
 * launch in a jurisdiction, its regulator's current rules must be checked and
 * this data (or the stored copy) updated. A jurisdiction missing here is not served.
 */
export const DEFAULT_JURISDICTION_RULES: JurisdictionRules = {
  'US-CA': { name: 'California', intraOralEndorsementRequired: false },
  'US-FL': { name: 'Florida', intraOralEndorsementRequired: true },
  'US-NJ': { name: 'New Jersey', intraOralEndorsementRequired: true },
  'US-NY': { name: 'New York', intraOralEndorsementRequired: true },
  'US-TX': { name: 'Texas', intraOralEndorsementRequired: true },
  'US-WA': { name: 'Washington', intraOralEndorsementRequired: false },
  'CA-BC': { name: 'British Columbia', intraOralEndorsementRequired: false },
  'CA-ON': { name: 'Ontario', intraOralEndorsementRequired: false },
};

/** Which credential a modality needs; null = covered by any valid license (Swedish is the baseline). */
export type ModalityRequirements = Readonly<
  Record<string, { readonly label: string; readonly credentialKind: string | null }>
>;

export const DEFAULT_MODALITY_REQUIREMENTS: ModalityRequirements = {
  SWEDISH: { label: 'Swedish massage', credentialKind: null },
  CRANIOSACRAL: { label: 'Craniosacral therapy', credentialKind: 'CRANIOSACRAL_TRAINING' },
  TRIGGER_POINT: { label: 'Trigger point therapy', credentialKind: 'TRIGGER_POINT_TRAINING' },
  MYOFASCIAL_RELEASE: { label: 'Myofascial release', credentialKind: 'MYOFASCIAL_TRAINING' },
  MANUAL_LYMPHATIC_DRAINAGE: { label: 'Manual lymphatic drainage', credentialKind: 'MLD_CERTIFICATION' },
  PRENATAL: { label: 'Prenatal massage', credentialKind: 'PRENATAL_CERTIFICATION' },
  NEUROMUSCULAR: { label: 'Neuromuscular therapy', credentialKind: 'NEUROMUSCULAR_TRAINING' },
  DEEP_TISSUE: { label: 'Deep tissue massage', credentialKind: 'DEEP_TISSUE_TRAINING' },
  ACUPRESSURE: { label: 'Acupressure', credentialKind: 'ACUPRESSURE_TRAINING' },
  REFLEXOLOGY: { label: 'Reflexology', credentialKind: 'REFLEXOLOGY_TRAINING' },
};

export const INTRA_ORAL_ENDORSEMENT = 'INTRA_ORAL_ENDORSEMENT';

export type EligibilityReasonCode =
  | 'NOT_APPROVED'
  | 'SUSPENDED'
  | 'JURISDICTION_NOT_SUPPORTED'
  | 'NO_LICENSE_IN_JURISDICTION'
  | 'LICENSE_NOT_VERIFIED'
  | 'LICENSE_NOT_YET_VALID'
  | 'LICENSE_EXPIRES_BEFORE_SESSION'
  | 'INSURANCE_MISSING'
  | 'INSURANCE_NOT_VERIFIED'
  | 'INSURANCE_EXPIRED'
  | 'BACKGROUND_CHECK_NOT_CLEAR'
  | 'MODALITY_NOT_QUALIFIED'
  | 'NO_INTRA_ORAL_ENDORSEMENT';

export interface EligibilityReason {
  readonly code: EligibilityReasonCode;
  readonly message: string;
  /** The modality for MODALITY_NOT_QUALIFIED (one reason per modality). */
  readonly modality?: string;
}

export interface EligibilityResult {
  readonly eligible: boolean;
  readonly reasons: readonly EligibilityReason[];
}

type AddReason = (code: EligibilityReasonCode, message: string, modality?: string) => void;

export function checkEligibility(
  record: TherapistRecord,
  request: SessionRequest,
  jurisdictionRules: JurisdictionRules = DEFAULT_JURISDICTION_RULES,
  modalityRequirements: ModalityRequirements = DEFAULT_MODALITY_REQUIREMENTS,
): EligibilityResult {
  const reasons: EligibilityReason[] = [];
  const add: AddReason = (code, message, modality) =>
    reasons.push(modality === undefined ? { code, message } : { code, message, modality });
  const { jurisdiction } = request;
  const rule = Object.hasOwn(jurisdictionRules, jurisdiction) ? jurisdictionRules[jurisdiction] : undefined;

  checkTherapistStatus(record, add);
  checkJurisdictionAndLicense(record, request, rule, add);
  checkInsurance(record, request, add);
  checkBackground(record, add);
  checkModalities(record, request, modalityRequirements, add);
  checkIntraOral(record, request, rule, add);

  return { eligible: reasons.length === 0, reasons };
}

// 1. The therapist.
function checkTherapistStatus(record: TherapistRecord, add: AddReason): void {
  const { status, suspendedReason } = record.therapist;
  if (status === 'SUSPENDED') {
    add(
      'SUSPENDED',
      suspendedReason ? `The therapist is suspended: ${suspendedReason}.` : 'The therapist is suspended.',
    );
  } else if (status !== 'APPROVED') {
    add('NOT_APPROVED', `The therapist’s application is ${status}, not APPROVED.`);
  }
}

// 2. The jurisdiction and a license valid there on the session date.
function checkJurisdictionAndLicense(
  record: TherapistRecord,
  request: SessionRequest,
  rule: JurisdictionRule | undefined,
  add: AddReason,
): void {
  const { jurisdiction } = request;
  const sessionDay = epochDay(request.date);
  if (rule === undefined) add('JURISDICTION_NOT_SUPPORTED', `The platform does not serve ${jurisdiction}.`);
  const local = record.licenses.filter((l) => l.jurisdiction === jurisdiction);
  if (local.length === 0) {
    add('NO_LICENSE_IN_JURISDICTION', `The therapist holds no license in ${jurisdiction}.`);
  } else if (!local.some((l) => licenseFailures(l, sessionDay).length === 0)) {
    // No license works: explain each distinct way the ones they hold fall short.
    const seen = new Set<EligibilityReasonCode>();
    for (const license of local) {
      for (const failure of licenseFailures(license, sessionDay)) {
        if (seen.has(failure.code)) continue;
        seen.add(failure.code);
        add(failure.code, failure.message);
      }
    }
  }
}

// 3. Insurance, valid through the session date.
function checkInsurance(record: TherapistRecord, request: SessionRequest, add: AddReason): void {
  const { insurance } = record;
  if (insurance === null) {
    add('INSURANCE_MISSING', 'The therapist has no liability insurance on file.');
    return;
  }
  if (insurance.status !== 'VERIFIED')
    add('INSURANCE_NOT_VERIFIED', `The insurance is ${insurance.status}, not VERIFIED.`);
  if (epochDay(insurance.expiresOn) < epochDay(request.date)) {
    add(
      'INSURANCE_EXPIRED',
      `The insurance expires on ${insurance.expiresOn}, before the session on ${request.date}.`,
    );
  }
}

// 4. Background check.
function checkBackground(record: TherapistRecord, add: AddReason): void {
  const check = record.backgroundCheck;
  if (check?.status !== 'CLEAR') {
    add(
      'BACKGROUND_CHECK_NOT_CLEAR',
      check === null ? 'No background check on file.' : `The background check is ${check.status}, not CLEAR.`,
    );
  }
}

function hasCredential(
  record: TherapistRecord,
  jurisdiction: string,
  kind: string,
  mustMatchJurisdiction: boolean,
): boolean {
  return record.credentials.some(
    (c) =>
      c.kind === kind &&
      c.status === 'VERIFIED' &&
      (mustMatchJurisdiction
        ? c.jurisdiction === jurisdiction
        : c.jurisdiction == null || c.jurisdiction === jurisdiction),
  );
}

// 5. Each requested modality (unknown modalities fail closed).
function checkModalities(
  record: TherapistRecord,
  request: SessionRequest,
  modalityRequirements: ModalityRequirements,
  add: AddReason,
): void {
  const { jurisdiction } = request;
  for (const modality of new Set(request.modalities)) {
    const requirement = Object.hasOwn(modalityRequirements, modality)
      ? modalityRequirements[modality]
      : undefined;
    if (requirement === undefined) {
      add('MODALITY_NOT_QUALIFIED', `${modality} is not a modality the platform offers.`, modality);
    } else if (
      requirement.credentialKind !== null &&
      !hasCredential(record, jurisdiction, requirement.credentialKind, false)
    ) {
      add(
        'MODALITY_NOT_QUALIFIED',
        `${requirement.label} needs a verified ${requirement.credentialKind} credential valid in ${jurisdiction}.`,
        modality,
      );
    }
  }
}

// 6. Intra-oral work, only where the jurisdiction requires an endorsement (safety rule M9).
function checkIntraOral(
  record: TherapistRecord,
  request: SessionRequest,
  rule: JurisdictionRule | undefined,
  add: AddReason,
): void {
  const { jurisdiction } = request;
  if (
    request.requiresIntraOral &&
    rule?.intraOralEndorsementRequired &&
    !hasCredential(record, jurisdiction, INTRA_ORAL_ENDORSEMENT, true)
  ) {
    add(
      'NO_INTRA_ORAL_ENDORSEMENT',
      `${rule.name} requires an intra-oral endorsement issued in ${jurisdiction} for intra-oral work.`,
    );
  }
}

function licenseFailures(
  license: LicenseRecord,
  sessionDay: number,
): { code: EligibilityReasonCode; message: string }[] {
  const failures: { code: EligibilityReasonCode; message: string }[] = [];
  const name = `${license.type} license in ${license.jurisdiction}`;
  if (license.status !== 'VERIFIED') {
    failures.push({
      code: 'LICENSE_NOT_VERIFIED',
      message: `The ${name} is ${license.status}, not VERIFIED.`,
    });
  }
  if (epochDay(license.issuedOn) > sessionDay) {
    failures.push({
      code: 'LICENSE_NOT_YET_VALID',
      message: `The ${name} is valid only from ${license.issuedOn}, after the session.`,
    });
  }
  if (epochDay(license.expiresOn) < sessionDay) {
    failures.push({
      code: 'LICENSE_EXPIRES_BEFORE_SESSION',
      message: `The ${name} expires on ${license.expiresOn}, before the session.`,
    });
  }
  return failures;
}
