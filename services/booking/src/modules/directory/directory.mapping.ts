import type { BackgroundCheckStatus, TherapistRecord, VerificationStatus } from '@mm/eligibility';
import type { TherapistSnapshot } from '@mm/queue';

const verification = (status: string): VerificationStatus =>
  status === 'VERIFIED' ? 'VERIFIED' : status === 'PENDING' ? 'PENDING' : 'REJECTED';

const BACKGROUND: readonly BackgroundCheckStatus[] = ['CLEAR', 'PENDING', 'CONSIDER', 'SUSPENDED', 'EXPIRED'];

/**
 * The projection's snapshot in the shape `checkEligibility` takes. Anything
 * screening may call a license other than VERIFIED or PENDING (EXPIRED,
 * REVOKED, …) counts as not valid, so unknown states fail closed.
 */
export function toTherapistRecord(snapshot: TherapistSnapshot): TherapistRecord {
  const background = snapshot.backgroundCheck?.status;
  return {
    therapist: { status: snapshot.status },
    licenses: snapshot.licenses.map((l) => ({
      jurisdiction: l.jurisdiction,
      type: l.type,
      issuedOn: l.issuedOn,
      expiresOn: l.expiresOn,
      status: verification(l.status),
    })),
    insurance: snapshot.insurance
      ? { expiresOn: snapshot.insurance.expiresOn, status: verification(snapshot.insurance.status) }
      : null,
    credentials: snapshot.credentials.map((c) => ({
      kind: c.kind,
      status: verification(c.status),
      jurisdiction: c.jurisdiction,
    })),
    backgroundCheck:
      background && (BACKGROUND as readonly string[]).includes(background)
        ? { status: background as BackgroundCheckStatus }
        : background
          ? { status: 'SUSPENDED' }
          : null,
  };
}

/** Jurisdictions where the therapist holds a license that may still be valid: the SQL prefilter. */
export function licenseJurisdictions(snapshot: TherapistSnapshot): string[] {
  return [
    ...new Set(
      snapshot.licenses
        .filter((l) => l.status === 'VERIFIED' || l.status === 'PENDING')
        .map((l) => l.jurisdiction),
    ),
  ].sort();
}
