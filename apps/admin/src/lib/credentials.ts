/** How the review shows a credential (issue 18 added the kinds a client sees on a therapist's profile). */
const LABELS: Record<string, string> = {
  BOARD_CERTIFICATION: 'board certification',
  PROFESSIONAL_MEMBERSHIP: 'professional membership',
  MIGRAINE_TRAINING: 'migraine or headache training',
  INTRA_ORAL_ENDORSEMENT: 'intra-oral endorsement',
  MLD_CERTIFICATION: 'manual lymphatic drainage certification',
};

export const credentialLabel = (kind: string) => LABELS[kind] ?? kind.replaceAll('_', ' ').toLowerCase();

export interface CredentialFacts {
  kind: string;
  issuer?: string | null;
  jurisdiction?: string | null;
  issuedOn?: string | null;
  expiresOn?: string | null;
}

/** The facts line under a credential: issuer, jurisdiction, validity; the expiry watch reminds before it. */
export function credentialFacts(c: CredentialFacts): string[] {
  return [
    c.issuer ? `Issuer ${c.issuer}` : 'Issuer not given',
    c.jurisdiction ? `Jurisdiction ${c.jurisdiction}` : '',
    c.issuedOn ? `Issued ${c.issuedOn}` : '',
    c.expiresOn ? `Expires ${c.expiresOn}` : 'Does not expire',
  ].filter(Boolean);
}

/**
 * Items can be reviewed by the admin who claimed the application, and on a live
 * (approved or suspended) application, where new credentials and renewals wait.
 */
export const canReviewItems = (status: string, claimedByMe: boolean) =>
  (status === 'IN_REVIEW' && claimedByMe) || status === 'APPROVED' || status === 'SUSPENDED';
