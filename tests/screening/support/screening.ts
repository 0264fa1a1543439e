import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAccessToken } from '@mm/graphql-kit';
import { expect } from 'vitest';
import { type Stack, type StackOptions, signUp, startStack, type TestUser } from '../../harness/index.ts';

/** Shared helpers for screening's gateway tests. */

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function startScreeningStack(opts: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'mm-screening-docs-'));
  return startStack({
    subgraphs: ['identity', 'screening'],
    ...opts,
    env: { DOCUMENT_STORAGE_DIR: dir, ...opts.env },
  });
}

/** Admins are created by an operator command, not sign-up: insert one and mint its token. */
export async function createAdmin(stack: Stack): Promise<TestUser> {
  const user = await stack.prisma.user.create({
    data: { email: `admin-${crypto.randomUUID()}@example.test`, passwordHash: 'x', role: 'ADMIN' },
  });
  const accessToken = await signAccessToken({ userId: user.id, role: 'ADMIN' }, stack.config.JWT_SECRET, 900);
  return {
    id: Buffer.from(`User:${user.id}`).toString('base64url'),
    email: user.email,
    password: '',
    accessToken,
    refreshToken: '',
  };
}

export const uuidOf = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1] as string;

/** A therapist with a DRAFT application (what the user.registered consumer creates). */
export async function signUpTherapist(stack: Stack): Promise<TestUser & { applicationId: string }> {
  const user = await signUp(stack, 'THERAPIST', { fullName: 'Test Therapist' });
  const therapistId = uuidOf(user.id);
  const app = await stack.prisma.therapistApplication.upsert({
    where: { therapistId },
    create: { therapistId },
    update: {},
  });
  return { ...user, applicationId: Buffer.from(`TherapistApplication:${app.id}`).toString('base64url') };
}

export async function gqlOk<T = Record<string, unknown>>(
  stack: Stack,
  query: string,
  variables: Record<string, unknown>,
  user: { accessToken: string },
): Promise<T> {
  const res = await stack.gql<T>(query, variables, { token: user.accessToken });
  if (res.errors?.length || !res.data) throw new Error(`GraphQL failed: ${res.raw}`);
  return res.data;
}

/** The JSON the upload routes answer with. */
export interface UploadAnswer {
  document?: { id: string; contentType: string; sizeBytes: number; sha256: string };
  errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[];
}

export async function putUpload(
  stack: Stack,
  uploadUrl: string,
  bytes: Buffer,
  token?: string,
  headers: Record<string, string> = {},
) {
  const res = await stack.gateway.inject({
    method: 'PUT',
    url: uploadUrl,
    headers: {
      'content-type': 'application/octet-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    payload: bytes,
  });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as UploadAnswer) : null };
}

const REQUEST_UPLOAD = `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) {
  document { id kind uploaded } uploadUrl uploadToken expiresAt } }`;

/** Declares and uploads a PDF through the gateway; returns the Document ID. */
export async function uploadDocument(
  stack: Stack,
  user: TestUser,
  kind: 'LICENSE' | 'INSURANCE' | 'CREDENTIAL' | 'PHOTO',
  bytes: Buffer = PDF,
): Promise<string> {
  const data = await gqlOk<{ requestDocumentUpload: { document: { id: string }; uploadUrl: string } }>(
    stack,
    REQUEST_UPLOAD,
    { input: { kind, contentType: 'application/pdf', sizeBytes: bytes.byteLength, sha256: sha256(bytes) } },
    user,
  );
  const res = await putUpload(stack, data.requestDocumentUpload.uploadUrl, bytes, user.accessToken);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return data.requestDocumentUpload.document.id;
}

export const requestUpload = (stack: Stack, user: TestUser, input: Record<string, unknown>) =>
  stack.gql<{ requestDocumentUpload: { document: { id: string }; uploadUrl: string; uploadToken: string } }>(
    REQUEST_UPLOAD,
    { input },
    { token: user.accessToken },
  );

export const APPLICATION_FIELDS = `id status legalName phone gender timezone
  licenses { id number type jurisdiction issuedOn expiresOn status reviewReason document { id downloadUrl } }
  insurancePolicies { id carrier expiresOn status }
  credentials { id kind jurisdiction status }
  serviceArea { latitude longitude radiusKm }
  weeklyAvailability { day startMinute endMinute }
  backgroundCheck { status provider }
  claimedBy { id } suspendedReason lastDecisionReason availableActions nextExpiry`;

export const TRANSITION = `mutation($input: TransitionTherapistApplicationInput!) {
  transitionTherapistApplication(input: $input) { application { id status claimedBy { id } suspendedReason } } }`;

export const transition = (
  stack: Stack,
  user: { accessToken: string },
  applicationId: string,
  action: string,
  reason?: string,
) =>
  stack.gql<{ transitionTherapistApplication: { application: { status: string } } }>(
    TRANSITION,
    { input: { applicationId, action, ...(reason !== undefined ? { reason } : {}) } },
    { token: user.accessToken },
  );

export const REVIEW = `mutation($input: ReviewApplicationItemInput!) {
  reviewApplicationItem(input: $input) { application { id status } } }`;

export interface FilledApplication {
  licenseIds: string[];
  insuranceIds: string[];
  credentialIds: string[];
}

/** Fills a DRAFT application with everything submission needs (a US-NY license by default). */
export async function fillApplication(
  stack: Stack,
  therapist: TestUser,
  opts: {
    license?: { jurisdiction?: string; issuedOn?: string; expiresOn?: string };
    insuranceExpiresOn?: string;
    credentials?: { kind: string; jurisdiction?: string; issuer?: string; expiresOn?: string }[];
  } = {},
): Promise<FilledApplication> {
  await gqlOk(
    stack,
    `mutation($input: UpdateTherapistApplicationInput!) { updateTherapistApplication(input: $input) { application { id } } }`,
    {
      input: {
        legalName: 'Maria Gonzalez',
        phone: '+12125550100',
        gender: 'FEMALE',
        migraineExperience: { years: 6, approximateClients: 300 },
      },
    },
    therapist,
  );
  await gqlOk(
    stack,
    `mutation($input: UpdateServiceAreaInput!) { updateServiceArea(input: $input) { application { id } } }`,
    { input: { latitude: 40.73, longitude: -73.99, radiusKm: 10 } },
    therapist,
  );
  const license = await gqlOk<{ addLicense: { license: { id: string } } }>(
    stack,
    `mutation($input: AddLicenseInput!) { addLicense(input: $input) { license { id } } }`,
    {
      input: {
        number: 'NY-123456',
        type: 'LMT',
        jurisdiction: opts.license?.jurisdiction ?? 'US-NY',
        issuedOn: opts.license?.issuedOn ?? '2025-01-01',
        expiresOn: opts.license?.expiresOn ?? '2028-01-01',
        documentId: await uploadDocument(stack, therapist, 'LICENSE'),
      },
    },
    therapist,
  );
  const insurance = await gqlOk<{ addInsurancePolicy: { insurancePolicy: { id: string } } }>(
    stack,
    `mutation($input: AddInsurancePolicyInput!) { addInsurancePolicy(input: $input) { insurancePolicy { id } } }`,
    {
      input: {
        carrier: 'HPSO',
        policyNumber: 'POL-1',
        expiresOn: opts.insuranceExpiresOn ?? '2028-06-01',
        documentId: await uploadDocument(stack, therapist, 'INSURANCE'),
      },
    },
    therapist,
  );
  const credentialIds: string[] = [];
  for (const c of opts.credentials ?? []) {
    const created = await gqlOk<{ addCredential: { credential: { id: string } } }>(
      stack,
      `mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } } }`,
      { input: { ...c, documentId: await uploadDocument(stack, therapist, 'CREDENTIAL') } },
      therapist,
    );
    credentialIds.push(created.addCredential.credential.id);
  }
  return {
    licenseIds: [license.addLicense.license.id],
    insuranceIds: [insurance.addInsurancePolicy.insurancePolicy.id],
    credentialIds,
  };
}

/** Submits, claims, verifies every item, clears the background check and approves. */
export async function approveApplication(
  stack: Stack,
  therapist: TestUser & { applicationId: string },
  admin: TestUser,
  items: FilledApplication,
): Promise<void> {
  expect((await transition(stack, therapist, therapist.applicationId, 'SUBMIT')).errors).toBeUndefined();
  expect((await transition(stack, admin, therapist.applicationId, 'CLAIM')).errors).toBeUndefined();
  for (const itemId of [...items.licenseIds, ...items.insuranceIds, ...items.credentialIds]) {
    await gqlOk(
      stack,
      REVIEW,
      { input: { itemId, decision: 'VERIFIED', reason: 'Checked with the state board' } },
      admin,
    );
  }
  await gqlOk(
    stack,
    `mutation($input: RecordBackgroundCheckInput!) { recordBackgroundCheck(input: $input) { application { id } } }`,
    {
      input: {
        applicationId: therapist.applicationId,
        status: 'CLEAR',
        reference: 'BG-1',
        reason: 'County and federal search clear',
      },
    },
    admin,
  );
  const approved = await transition(
    stack,
    admin,
    therapist.applicationId,
    'APPROVE',
    'All documents verified',
  );
  expect(approved.errors, JSON.stringify(approved.errors)).toBeUndefined();
}
