import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../harness/index.ts';
import {
  PDF,
  putUpload,
  requestUpload,
  sha256,
  signUpTherapist,
  startScreeningStack,
  type UploadAnswer,
} from './support/screening.ts';

let stack: Stack;
let therapist: Awaited<ReturnType<typeof signUpTherapist>>;
beforeAll(async () => {
  stack = await startScreeningStack();
  therapist = await signUpTherapist(stack);
});
afterAll(() => stack.close());

const MB = 1024 * 1024;
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const SCRIPT = Buffer.from('#!/bin/sh\nrm -rf /\n');

/** Declares `declared` and PUTs `bytes`; returns the HTTP answer. */
async function upload(
  bytes: Buffer,
  declared: { contentType?: string; sha256?: string; sizeBytes?: number } = {},
) {
  const res = await requestUpload(stack, therapist, {
    kind: 'LICENSE',
    contentType: declared.contentType ?? 'application/pdf',
    sizeBytes: declared.sizeBytes ?? bytes.byteLength,
    sha256: declared.sha256 ?? sha256(bytes),
  });
  if (!res.data) throw new Error(res.raw);
  return {
    ...(await putUpload(stack, res.data.requestDocumentUpload.uploadUrl, bytes, therapist.accessToken)),
    url: res.data.requestDocumentUpload.uploadUrl,
    documentId: res.data.requestDocumentUpload.document.id,
  };
}

const codeOf = (body: UploadAnswer | null) => body?.errors?.[0]?.extensions.code;

describe('document uploads through the gateway', () => {
  it('accepts a real PDF once, and the link cannot be reused', async () => {
    const ok = await upload(PDF);
    expect(ok.status).toBe(201);
    expect(ok.body?.document).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: PDF.byteLength,
      sha256: sha256(PDF),
    });
    const again = await putUpload(stack, ok.url, PDF, therapist.accessToken);
    expect(again.status).toBe(409);
    expect(codeOf(again.body)).toBe('UPLOAD_TOKEN_INVALID');
  });

  it.each([
    ['a Windows executable posing as a PDF', EXE, 422, 'DOCUMENT_EXECUTABLE', /Executable/],
    ['a shell script', SCRIPT, 422, 'DOCUMENT_EXECUTABLE', /script/],
    ['a PNG declared as a PDF', PNG, 415, 'DOCUMENT_TYPE_MISMATCH', /declared as application\/pdf/],
  ])('refuses %s', async (_what, bytes, status, code, message) => {
    const res = await upload(bytes);
    expect(res.status).toBe(status);
    expect(codeOf(res.body)).toBe(code);
    expect(res.body?.errors?.[0]?.message).toMatch(message);
    const row = await stack.prisma.document.findFirst({ where: { declaredSha256: sha256(bytes) } });
    expect(row?.uploadStatus).toBe('AWAITING_UPLOAD');
  });

  it('refuses bytes that do not match the declared checksum', async () => {
    const res = await upload(PDF, { sha256: sha256(Buffer.from('something else')) });
    expect(res.status).toBe(422);
    expect(codeOf(res.body)).toBe('DOCUMENT_CHECKSUM_MISMATCH');
  });

  it('refuses an oversized file when it is declared, and from Content-Length before reading it', async () => {
    const declared = await requestUpload(stack, therapist, {
      kind: 'LICENSE',
      contentType: 'application/pdf',
      sizeBytes: 11 * MB,
      sha256: sha256(PDF),
    });
    expect(declared.errors?.[0]?.extensions?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(declared.errors?.[0]?.message).toContain('10 MB');

    const big = Buffer.concat([PDF, Buffer.alloc(10 * MB)]);
    const res = await upload(big, { sizeBytes: 1000 });
    expect(res.status).toBe(413);
    expect(codeOf(res.body)).toBe('DOCUMENT_TOO_LARGE');
  });

  it('refuses a content type that is not a document, and an empty file', async () => {
    const html = await requestUpload(stack, therapist, {
      kind: 'LICENSE',
      contentType: 'text/html',
      sizeBytes: 10,
      sha256: sha256(PDF),
    });
    expect(html.errors?.[0]?.extensions?.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    const empty = await requestUpload(stack, therapist, {
      kind: 'LICENSE',
      contentType: 'application/pdf',
      sizeBytes: 0,
      sha256: sha256(PDF),
    });
    expect(empty.errors?.[0]?.extensions?.code).toBe('DOCUMENT_EMPTY');
  });

  it('refuses a forged token, someone else’s link, and a direct call that bypasses the gateway', async () => {
    const forged = await putUpload(
      stack,
      `/uploads/${'a'.repeat(32)}.zzzzzz.${'b'.repeat(43)}`,
      PDF,
      therapist.accessToken,
    );
    expect(forged.status).toBe(403);
    expect(codeOf(forged.body)).toBe('UPLOAD_TOKEN_INVALID');

    const res = await requestUpload(stack, therapist, {
      kind: 'LICENSE',
      contentType: 'application/pdf',
      sizeBytes: PDF.byteLength,
      sha256: sha256(PDF),
    });
    const url = res.data?.requestDocumentUpload.uploadUrl ?? '';
    const other = await signUpTherapist(stack);
    const stolen = await putUpload(stack, url, PDF, other.accessToken);
    expect(stolen.status).toBe(403);
    const anonymous = await putUpload(stack, url, PDF);
    expect(anonymous.status).toBe(401);

    const direct = await stack.subgraphs.screening?.app.inject({
      method: 'PUT',
      url,
      headers: { 'content-type': 'application/pdf' },
      payload: PDF,
    });
    expect(direct?.statusCode).toBe(401);
    expect(codeOf(JSON.parse(direct?.body ?? '{}'))).toBe('GATEWAY_TRUST_REQUIRED');
    // Still usable by its owner afterwards.
    expect((await putUpload(stack, url, PDF, therapist.accessToken)).status).toBe(201);
  });

  it('will not attach a document that was never uploaded', async () => {
    const res = await requestUpload(stack, therapist, {
      kind: 'LICENSE',
      contentType: 'application/pdf',
      sizeBytes: PDF.byteLength,
      sha256: sha256(PDF),
    });
    const attach = await stack.gql(
      `mutation($input: AddLicenseInput!) { addLicense(input: $input) { license { id } } }`,
      {
        input: {
          number: 'X1',
          type: 'LMT',
          jurisdiction: 'US-NY',
          issuedOn: '2025-01-01',
          expiresOn: '2027-01-01',
          documentId: res.data?.requestDocumentUpload.document.id,
        },
      },
      { token: therapist.accessToken },
    );
    expect(attach.errors?.[0]?.extensions?.code).toBe('DOCUMENT_NOT_UPLOADED');
  });
});
