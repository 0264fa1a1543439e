import type { InsurancePolicy } from '@mm/db';
import { type TherapistRecord, toIsoDate } from '@mm/eligibility';
import type { TherapistSnapshot } from '@mm/queue';
import type { ApplicationWithItems } from './application.repository.ts';
import { availabilityExceptionsOf, weeklyAvailabilityOf } from './availability.ts';

/** "Maria Gonzalez" → "Maria G.": clients see a first name and an initial, never the legal name. */
export function displayNameOf(legalName: string | null): string {
  const parts = (legalName ?? '').trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = parts;
  if (!first) return 'Therapist';
  const last = rest.at(-1);
  return last ? `${first} ${last[0]?.toUpperCase()}.` : first;
}

/** The policy that counts: the verified one that runs longest, else the latest submitted. */
export function currentInsurance(policies: readonly InsurancePolicy[]): InsurancePolicy | null {
  const byExpiry = [...policies].sort(
    (a, b) => b.expiresOn.getTime() - a.expiresOn.getTime() || b.createdAt.getTime() - a.createdAt.getTime(),
  );
  return byExpiry.find((p) => p.status === 'VERIFIED') ?? byExpiry[0] ?? null;
}

/** What booking needs to match this therapist (packages/queue/src/events.ts). */
export function toSnapshot(app: ApplicationWithItems): TherapistSnapshot {
  const insurance = currentInsurance(app.insurances);
  return {
    therapistId: app.therapistId,
    status: app.status,
    displayName: displayNameOf(app.legalName),
    gender: app.gender,
    timezone: app.timezone,
    serviceArea:
      app.serviceLatitude !== null && app.serviceLongitude !== null && app.serviceRadiusKm !== null
        ? { latitude: app.serviceLatitude, longitude: app.serviceLongitude, radiusKm: app.serviceRadiusKm }
        : null,
    weeklyAvailability: weeklyAvailabilityOf(app.weeklyAvailability),
    availabilityExceptions: availabilityExceptionsOf(app.availabilityExceptions),
    licenses: app.licenses.map((l) => ({
      id: l.id,
      jurisdiction: l.jurisdiction,
      type: l.type,
      issuedOn: toIsoDate(l.issuedOn),
      expiresOn: toIsoDate(l.expiresOn),
      status: l.status,
    })),
    insurance: insurance ? { expiresOn: toIsoDate(insurance.expiresOn), status: insurance.status } : null,
    credentials: app.credentials.map((c) => ({
      kind: c.kind,
      status: c.status,
      jurisdiction: c.jurisdiction,
    })),
    backgroundCheck: { status: app.backgroundCheckStatus },
    migraineExperienceYears: app.migraineExperienceYears,
  };
}

/** The same facts in the shape of the eligibility policy. */
export function toEligibilityRecord(app: ApplicationWithItems): TherapistRecord {
  const insurance = currentInsurance(app.insurances);
  return {
    therapist: { status: app.status, suspendedReason: app.suspendedReason },
    licenses: app.licenses.map((l) => ({
      jurisdiction: l.jurisdiction,
      type: l.type,
      issuedOn: toIsoDate(l.issuedOn),
      expiresOn: toIsoDate(l.expiresOn),
      status: l.status,
    })),
    insurance: insurance ? { expiresOn: toIsoDate(insurance.expiresOn), status: insurance.status } : null,
    credentials: app.credentials.map((c) => ({
      kind: c.kind,
      status: c.status,
      jurisdiction: c.jurisdiction,
    })),
    backgroundCheck: { status: app.backgroundCheckStatus },
  };
}
