import { isIsoDate } from '@mm/eligibility';
import { z } from 'zod';

/** Input schemas of the therapist's application; the GraphQL layer passes raw input here. */
const isoDate = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const jurisdiction = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code such as US-NY');

export const GENDERS = ['FEMALE', 'MALE', 'NON_BINARY'] as const;

/** Credential kinds the platform records; modality trainings map to modalities in @mm/eligibility. */
export const CREDENTIAL_KINDS = [
  'BOARD_CERTIFICATION',
  'TRIGGER_POINT_TRAINING',
  'NEUROMUSCULAR_TRAINING',
  'MYOFASCIAL_TRAINING',
  'CRANIOSACRAL_TRAINING',
  'MLD_CERTIFICATION',
  'ACUPRESSURE_TRAINING',
  'REFLEXOLOGY_TRAINING',
  'SWEDISH_TRAINING',
  'DEEP_TISSUE_TRAINING',
  'PRENATAL_CERTIFICATION',
  'INTRA_ORAL_ENDORSEMENT',
  /** Shown on the public profile (issue 18): membership such as AMTA's, migraine or headache training. */
  'PROFESSIONAL_MEMBERSHIP',
  'MIGRAINE_TRAINING',
] as const;

export const detailsInput = z.object({
  legalName: text(200).nullish(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be in international format, e.g. +12125550100')
    .nullish(),
  gender: z.enum(GENDERS).nullish(),
  photoDocumentId: z.string().nullish(),
  migraineExperience: z
    .object({
      years: z.number().int().min(0).max(70),
      approximateClients: z.number().int().min(0).max(100_000),
    })
    .nullish(),
});

export const serviceAreaInput = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  radiusKm: z.number().min(1, 'at least 1 km').max(80, 'at most 80 km'),
});

export const licenseInput = z
  .object({
    number: text(60),
    type: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2,8}$/, 'must be a license type such as LMT, RMT or CMT'),
    jurisdiction,
    issuedOn: isoDate,
    expiresOn: isoDate,
    documentId: z.string(),
  })
  .refine((l) => l.issuedOn <= l.expiresOn, { message: 'must not be before issuedOn', path: ['expiresOn'] });

export const insuranceInput = z
  .object({
    carrier: text(120),
    policyNumber: text(60),
    issuedOn: isoDate.nullish(),
    expiresOn: isoDate,
    documentId: z.string(),
  })
  .refine((p) => p.issuedOn == null || p.issuedOn <= p.expiresOn, {
    message: 'must not be before issuedOn',
    path: ['expiresOn'],
  });

export const credentialInput = z
  .object({
    kind: z.enum(CREDENTIAL_KINDS),
    jurisdiction: jurisdiction.nullish(),
    issuer: text(120).nullish(),
    issuedOn: isoDate.nullish(),
    expiresOn: isoDate.nullish(),
    documentId: z.string(),
  })
  .refine((c) => c.kind !== 'INTRA_ORAL_ENDORSEMENT' || c.jurisdiction != null, {
    message: 'an intra-oral endorsement is issued by a jurisdiction; give it',
    path: ['jurisdiction'],
  })
  .refine((c) => c.issuedOn == null || c.expiresOn == null || c.issuedOn <= c.expiresOn, {
    message: 'must not be before issuedOn',
    path: ['expiresOn'],
  });

export const dateOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
