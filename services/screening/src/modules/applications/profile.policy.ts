import { epochDay, type IsoDate, toIsoDate } from '@mm/eligibility';
import { z } from 'zod';

/**
 * The public therapist profile (issue 18): the free parts the therapist edits, and
 * which verified parts a client sees. Pure: no I/O.
 */
export const PROFILE_MODALITIES = [
  'NEUROMUSCULAR',
  'TRIGGER_POINT',
  'MYOFASCIAL_RELEASE',
  'CRANIOSACRAL',
  'LYMPHATIC_DRAINAGE',
  'REFLEXOLOGY',
  'ACUPRESSURE',
  'SWEDISH',
  'DEEP_TISSUE',
  'INTRA_ORAL',
] as const;
export type ProfileModality = (typeof PROFILE_MODALITIES)[number];

const count = (max: number) => z.number().int().min(0).max(max).nullish();

export const profileInput = z.object({
  bio: z
    .string()
    .trim()
    .max(4000)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null)),
  yearsOfPractice: count(70),
  migraineYears: count(70),
  migraineSessions: count(1_000_000),
  modalities: z.array(z.enum(PROFILE_MODALITIES)).max(PROFILE_MODALITIES.length).nullish(),
  languages: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/, 'must be a language tag such as en or pt-BR'),
    )
    .max(20)
    .nullish(),
  photoDocumentId: z.string().nullish(),
});

export type VerifiedCredentialKind = 'STATE_LICENSE' | string;

export interface VerifiedCredential {
  readonly id: string;
  /** STATE_LICENSE for a license, else the credential's kind (BOARD_CERTIFICATION, MIGRAINE_TRAINING…). */
  readonly kind: VerifiedCredentialKind;
  readonly issuer: string | null;
  readonly jurisdiction: string | null;
  /** LMT, RMT… for a license. */
  readonly licenseType: string | null;
  readonly verifiedOn: IsoDate;
  readonly expiresOn: IsoDate | null;
}

interface ReviewedItem {
  readonly id: string;
  readonly status: string;
  readonly issuedOn: Date | null;
  readonly expiresOn: Date | null;
  readonly reviewedAt: Date | null;
}
interface CredentialItem extends ReviewedItem {
  readonly kind: string;
  readonly issuer: string | null;
  readonly jurisdiction: string | null;
}
interface LicenseItem extends ReviewedItem {
  readonly type: string;
  readonly jurisdiction: string;
  readonly expiresOn: Date;
}

/** Verified by an admin and valid today (issued by today, not past its expiry). */
export function validVerified(item: ReviewedItem, today: IsoDate): boolean {
  const day = epochDay(today);
  return (
    item.status === 'VERIFIED' &&
    item.reviewedAt !== null &&
    (item.issuedOn === null || epochDay(toIsoDate(item.issuedOn)) <= day) &&
    (item.expiresOn === null || epochDay(toIsoDate(item.expiresOn)) >= day)
  );
}

export const hasValidEndorsement = (credentials: readonly CredentialItem[], today: IsoDate) =>
  credentials.some((c) => c.kind === 'INTRA_ORAL_ENDORSEMENT' && validVerified(c, today));

/** What a client sees as verified: licenses and credentials an admin verified that are valid today. */
export function verifiedCredentials(
  items: { licenses: readonly LicenseItem[]; credentials: readonly CredentialItem[] },
  today: IsoDate,
): VerifiedCredential[] {
  const verifiedOn = (i: ReviewedItem) => toIsoDate(i.reviewedAt as Date);
  return [
    ...items.licenses
      .filter((l) => validVerified(l, today))
      .map((l) => ({
        id: l.id,
        kind: 'STATE_LICENSE',
        issuer: null,
        jurisdiction: l.jurisdiction,
        licenseType: l.type,
        verifiedOn: verifiedOn(l),
        expiresOn: toIsoDate(l.expiresOn),
      })),
    ...items.credentials
      .filter((c) => validVerified(c, today))
      .map((c) => ({
        id: c.id,
        kind: c.kind,
        issuer: c.issuer,
        jurisdiction: c.jurisdiction,
        licenseType: null,
        verifiedOn: verifiedOn(c),
        expiresOn: c.expiresOn ? toIsoDate(c.expiresOn) : null,
      })),
  ];
}

/** The modalities shown: intra-oral work drops out the day its endorsement stops being valid. */
export function offeredModalities(
  modalities: readonly string[],
  credentials: readonly CredentialItem[],
  today: IsoDate,
): ProfileModality[] {
  const endorsed = hasValidEndorsement(credentials, today);
  return PROFILE_MODALITIES.filter((m) => modalities.includes(m) && (m !== 'INTRA_ORAL' || endorsed));
}
