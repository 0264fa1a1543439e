import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocumentError, type DocumentErrorCode } from './document.errors.ts';
import {
  assertDeclaredSizeAllowed,
  DEFAULT_DOCUMENT_POLICY,
  type DocumentUpload,
  detectExecutable,
  normalizeContentType,
  sniffContentType,
  validateDocumentUpload,
} from './document.policy.ts';

const bytesOf = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const PDF = bytesOf('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const JPEG = bytesOf([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', [0x01, 0x01]);
const PNG = bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR');
const HEIC = bytesOf([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic');
const HEIF_MIF1 = bytesOf([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1heic');
const AVIF = bytesOf([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1');
const ZIP = bytesOf('PK', [0x03, 0x04], 'rest-of-zip');

const upload = (
  bytes: Uint8Array,
  declaredContentType: string,
  declaredSha256 = sha(bytes),
): DocumentUpload => ({
  bytes,
  declaredContentType,
  declaredSha256,
});

function result(u: DocumentUpload, policy = DEFAULT_DOCUMENT_POLICY): string {
  try {
    return validateDocumentUpload(u, policy).contentType;
  } catch (error) {
    if (error instanceof DocumentError) return error.code;
    throw error;
  }
}

function message(u: DocumentUpload): string {
  try {
    validateDocumentUpload(u);
    return 'OK';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('accepted uploads', () => {
  it.each([
    ['a PDF', PDF, 'application/pdf', 'application/pdf'],
    ['a JPEG', JPEG, 'image/jpeg', 'image/jpeg'],
    ['a JPEG declared image/jpg', JPEG, 'image/jpg', 'image/jpeg'],
    ['a JPEG declared with parameters and capitals', JPEG, 'IMAGE/JPEG; charset=binary', 'image/jpeg'],
    ['a PNG', PNG, 'image/png', 'image/png'],
    ['a HEIC', HEIC, 'image/heic', 'image/heic'],
    ['a HEIC declared image/heif', HEIC, 'image/heif', 'image/heic'],
    ['a HEIF with the mif1 brand', HEIF_MIF1, 'image/heic', 'image/heic'],
  ])('%s', (_label, bytes, declared, contentType) => {
    expect(validateDocumentUpload(upload(bytes, declared))).toEqual({
      contentType,
      sizeBytes: bytes.byteLength,
      sha256: sha(bytes),
    });
  });
});

describe('size', () => {
  const MAX = 10 * 1024 * 1024;
  const padded = (size: number) => {
    const bytes = new Uint8Array(size);
    bytes.set(PDF);
    return bytes;
  };

  it.each([
    [0, 'DOCUMENT_EMPTY'],
    [1, 'DOCUMENT_TYPE_MISMATCH'], // one zero byte: nothing recognisable
    [MAX, 'application/pdf'],
    [MAX + 1, 'DOCUMENT_TOO_LARGE'],
  ])('%i bytes → %s', (size, expected) => {
    const bytes = size <= 1 ? new Uint8Array(size) : padded(size);
    expect(result(upload(bytes, 'application/pdf'))).toBe(expected);
  });

  it('explains the limit', () => {
    expect(message(upload(padded(MAX + 1), 'application/pdf'))).toBe(
      'The file is larger than the 10 MB limit.',
    );
    expect(message(upload(new Uint8Array(0), 'application/pdf'))).toBe('The file is empty.');
  });

  it.each([
    [-1, 'DOCUMENT_EMPTY'],
    [0, 'DOCUMENT_EMPTY'],
    [1, 'OK'],
    [MAX, 'OK'],
    [MAX + 1, 'DOCUMENT_TOO_LARGE'],
  ])('a declared Content-Length of %i → %s', (size, expected) => {
    let code = 'OK';
    try {
      assertDeclaredSizeAllowed(size);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      code = error.code;
    }
    expect(code).toBe(expected);
  });
});

describe('executables are refused whatever they claim to be', () => {
  const executables: [string, Uint8Array][] = [
    ['a Windows PE (MZ)', bytesOf('MZ', [0x90, 0x00, 0x03], 'This program cannot be run in DOS mode')],
    ['an ELF binary', bytesOf([0x7f], 'ELF', [0x02, 0x01, 0x01])],
    ['a shell script', bytesOf('#!/bin/sh\nrm -rf /\n')],
    ['a Node script', bytesOf('#!/usr/bin/env node\n')],
    ['a 32-bit Mach-O (big-endian)', bytesOf([0xfe, 0xed, 0xfa, 0xce, 0, 0])],
    ['a 64-bit Mach-O (big-endian)', bytesOf([0xfe, 0xed, 0xfa, 0xcf, 0, 0])],
    ['a 32-bit Mach-O (little-endian)', bytesOf([0xce, 0xfa, 0xed, 0xfe, 0, 0])],
    ['a 64-bit Mach-O (little-endian)', bytesOf([0xcf, 0xfa, 0xed, 0xfe, 0, 0])],
    ['a universal Mach-O', bytesOf([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2])],
  ];
  const declaredTypes = [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'image/heic',
    'application/x-msdownload',
  ];
  const cases = executables.flatMap(([what, bytes]) =>
    declaredTypes.map((declared) => ({ what, bytes, declared })),
  );

  it.each(cases)('$what declared $declared', ({ bytes, declared }) => {
    expect(result(upload(bytes, declared))).toBe('DOCUMENT_EXECUTABLE');
  });

  it('reports the executable even when the checksum is also wrong', () => {
    expect(result(upload(executables[0]![1], 'application/pdf', '0'.repeat(64)))).toBe('DOCUMENT_EXECUTABLE');
  });

  it('names what it found', () => {
    expect(message(upload(executables[0]![1], 'application/pdf'))).toBe(
      'This file is a Windows executable (MZ), not a document. Executable files and scripts are not accepted.',
    );
  });

  it.each([
    ['a lone "M"', bytesOf('M')],
    ['a truncated ELF magic', bytesOf([0x7f], 'EL')],
    ['a lone "#"', bytesOf('#')],
  ])('does not over-match %s', (_label, bytes) => {
    expect(detectExecutable(bytes)).toBeNull();
  });
});

describe('content types', () => {
  it.each([
    ['text/plain', PDF],
    ['image/gif', PDF],
    ['application/zip', ZIP],
    ['application/octet-stream', PDF],
    ['image/svg+xml', bytesOf('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['', PDF],
  ])('refuses a declared %j (DOCUMENT_TYPE_NOT_ALLOWED)', (declared, bytes) => {
    expect(result(upload(bytes, declared))).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
  });

  it('lists what is allowed', () => {
    expect(message(upload(PDF, 'image/gif'))).toBe(
      'Files of type "image/gif" are not accepted. Upload a PDF, JPEG, PNG or HEIC file.',
    );
  });

  it('follows the policy’s allowed list', () => {
    const pdfOnly = { ...DEFAULT_DOCUMENT_POLICY, allowedContentTypes: ['application/pdf' as const] };
    expect(result(upload(PNG, 'image/png'), pdfOnly)).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(result(upload(PDF, 'application/pdf'), pdfOnly)).toBe('application/pdf');
  });

  it.each([
    [
      'PNG bytes declared JPEG',
      PNG,
      'image/jpeg',
      'The file was declared as image/jpeg but its content is image/png.',
    ],
    [
      'JPEG bytes declared PDF',
      JPEG,
      'application/pdf',
      'The file was declared as application/pdf but its content is image/jpeg.',
    ],
    [
      'text declared PDF',
      bytesOf('hello, this is not a pdf'),
      'application/pdf',
      'The file was declared as application/pdf but its content is not a recognised PDF file.',
    ],
    [
      'a ZIP declared PDF',
      ZIP,
      'application/pdf',
      'The file was declared as application/pdf but its content is not a recognised PDF file.',
    ],
    [
      'an AVIF declared HEIC',
      AVIF,
      'image/heic',
      'The file was declared as image/heic but its content is not a recognised HEIC file.',
    ],
    [
      'a PDF with junk before the header',
      bytesOf('  %PDF-1.7'),
      'application/pdf',
      'The file was declared as application/pdf but its content is not a recognised PDF file.',
    ],
  ])('%s → DOCUMENT_TYPE_MISMATCH', (_label, bytes, declared, text) => {
    expect(result(upload(bytes, declared))).toBe('DOCUMENT_TYPE_MISMATCH');
    expect(message(upload(bytes, declared))).toBe(text);
  });

  it.each([
    ['image/JPG', 'image/jpeg'],
    [' application/pdf ', 'application/pdf'],
    ['image/heif', 'image/heic'],
    ['image/gif', null],
    ['__proto__', null],
  ])('normalizes %j → %s', (value, expected) => {
    expect(normalizeContentType(value)).toBe(expected);
  });

  it('sniffs only what it knows', () => {
    expect([PDF, JPEG, PNG, HEIC, AVIF, ZIP].map(sniffContentType)).toEqual([
      'application/pdf',
      'image/jpeg',
      'image/png',
      'image/heic',
      null,
      null,
    ]);
  });
});

describe('checksum', () => {
  it.each<[string, string, DocumentErrorCode | 'application/pdf']>([
    ['the right digest', sha(PDF), 'application/pdf'],
    ['the right digest in uppercase', sha(PDF).toUpperCase(), 'application/pdf'],
    ['the right digest with surrounding spaces', ` ${sha(PDF)}\n`, 'application/pdf'],
    ['the digest of other bytes', sha(PNG), 'DOCUMENT_CHECKSUM_MISMATCH'],
    [
      'one character off',
      `${sha(PDF).slice(0, 63)}${sha(PDF).endsWith('0') ? '1' : '0'}`,
      'DOCUMENT_CHECKSUM_MISMATCH',
    ],
    ['63 characters', sha(PDF).slice(0, 63), 'DOCUMENT_CHECKSUM_MISMATCH'],
    [
      'base64 instead of hex',
      createHash('sha256').update(PDF).digest('base64'),
      'DOCUMENT_CHECKSUM_MISMATCH',
    ],
    ['empty', '', 'DOCUMENT_CHECKSUM_MISMATCH'],
  ])('%s → %s', (_label, declaredSha256, expected) => {
    expect(result(upload(PDF, 'application/pdf', declaredSha256))).toBe(expected);
  });

  it('explains a malformed digest differently from a wrong one', () => {
    expect(message(upload(PDF, 'application/pdf', 'abc'))).toBe(
      'The declared checksum is not a SHA-256 hex digest (64 hexadecimal characters).',
    );
    expect(message(upload(PDF, 'application/pdf', sha(PNG)))).toBe(
      'The file changed in transit (checksum mismatch); upload it again.',
    );
  });
});
