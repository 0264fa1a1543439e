import { createHash } from 'node:crypto';
import { DocumentError, DocumentErrorCode } from './document.errors.ts';

/**
 * Upload validation for license, insurance and credential documents. The
 * declared content type is never trusted: the bytes are sniffed, executables
 * are refused whatever they claim to be, and the declared SHA-256 must match.
 *
 * Checks run in this order, each throwing a DocumentError:
 * DOCUMENT_EMPTY → DOCUMENT_TOO_LARGE → DOCUMENT_EXECUTABLE (a security
 * signal, reported even when other things are wrong) → DOCUMENT_TYPE_NOT_ALLOWED
 * → DOCUMENT_TYPE_MISMATCH → DOCUMENT_CHECKSUM_MISMATCH.
 */

export type DocumentContentType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/heic';

export interface DocumentPolicy {
  readonly maxSizeBytes: number;
  readonly allowedContentTypes: readonly DocumentContentType[];
}

export const DEFAULT_DOCUMENT_POLICY: DocumentPolicy = {
  maxSizeBytes: 10 * 1024 * 1024,
  // HEIC because phones photograph paper licenses in it by default.
  allowedContentTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'],
};

/** Spellings clients send for the same types. */
const ALIASES: Readonly<Record<string, DocumentContentType>> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/heic': 'image/heic',
  'image/heif': 'image/heic',
};

export interface DocumentUpload {
  readonly declaredContentType: string;
  /** Lowercase or uppercase hex SHA-256 of the bytes, as the client computed it. */
  readonly declaredSha256: string;
  readonly bytes: Uint8Array;
}

export interface ValidatedDocument {
  readonly contentType: DocumentContentType;
  readonly sizeBytes: number;
  /** Lowercase hex; store it and use it as the object key's suffix. */
  readonly sha256: string;
}

export function validateDocumentUpload(
  upload: DocumentUpload,
  policy: DocumentPolicy = DEFAULT_DOCUMENT_POLICY,
): ValidatedDocument {
  const { bytes } = upload;
  assertDeclaredSizeAllowed(bytes.byteLength, policy);

  const executable = detectExecutable(bytes);
  if (executable !== null) {
    throw new DocumentError(
      DocumentErrorCode.DOCUMENT_EXECUTABLE,
      `This file is ${executable}, not a document. Executable files and scripts are not accepted.`,
      { detected: executable },
    );
  }

  const declared = normalizeContentType(upload.declaredContentType);
  if (declared === null || !policy.allowedContentTypes.includes(declared)) {
    throw new DocumentError(
      DocumentErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
      `Files of type "${upload.declaredContentType}" are not accepted. ${allowedText(policy)}`,
      { declaredContentType: upload.declaredContentType },
    );
  }
  const sniffed = sniffContentType(bytes);
  if (sniffed !== declared) {
    throw new DocumentError(
      DocumentErrorCode.DOCUMENT_TYPE_MISMATCH,
      sniffed === null
        ? `The file was declared as ${declared} but its content is not a recognised ${label(declared)} file.`
        : `The file was declared as ${declared} but its content is ${sniffed}.`,
      { declared, sniffed },
    );
  }

  const declaredSha = upload.declaredSha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(declaredSha)) {
    throw new DocumentError(
      DocumentErrorCode.DOCUMENT_CHECKSUM_MISMATCH,
      'The declared checksum is not a SHA-256 hex digest (64 hexadecimal characters).',
    );
  }
  const sha256 = sha256Hex(bytes);
  if (sha256 !== declaredSha) {
    throw new DocumentError(DocumentErrorCode.DOCUMENT_CHECKSUM_MISMATCH, undefined, {
      declared: declaredSha,
      actual: sha256,
    });
  }
  return { contentType: declared, sizeBytes: bytes.byteLength, sha256 };
}

/**
 * The size checks alone, so an upload can be refused from its Content-Length
 * before the body is read.
 */
export function assertDeclaredSizeAllowed(
  sizeBytes: number,
  policy: DocumentPolicy = DEFAULT_DOCUMENT_POLICY,
): void {
  if (sizeBytes <= 0) throw new DocumentError(DocumentErrorCode.DOCUMENT_EMPTY);
  if (sizeBytes > policy.maxSizeBytes) {
    throw new DocumentError(
      DocumentErrorCode.DOCUMENT_TOO_LARGE,
      `The file is larger than the ${formatMb(policy.maxSizeBytes)} limit.`,
      { sizeBytes, maxSizeBytes: policy.maxSizeBytes },
    );
  }
}

/** "IMAGE/JPG; charset=binary" → "image/jpeg"; unknown → null. */
export function normalizeContentType(value: string): DocumentContentType | null {
  const bare = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(ALIASES, bare) ? (ALIASES[bare] ?? null) : null;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.byteLength >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Magic numbers of things that run. Fat Mach-O shares CAFEBABE with Java classes; both are refused. */
const EXECUTABLE_SIGNATURES: readonly { readonly what: string; readonly bytes: readonly number[] }[] = [
  { what: 'a Windows executable (MZ)', bytes: [0x4d, 0x5a] },
  { what: 'a Linux executable (ELF)', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'a script (#!)', bytes: [0x23, 0x21] },
  { what: 'a macOS executable (Mach-O)', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { what: 'a macOS executable (Mach-O)', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { what: 'a macOS executable (Mach-O)', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { what: 'a macOS executable (Mach-O)', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { what: 'a macOS universal binary or Java class', bytes: [0xca, 0xfe, 0xba, 0xbe] },
];

/** What kind of executable the bytes start with, or null. */
export function detectExecutable(bytes: Uint8Array): string | null {
  return EXECUTABLE_SIGNATURES.find((s) => startsWith(bytes, s.bytes))?.what ?? null;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** The allowed type the bytes really are, or null. */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // ISO BMFF: [size:4]["ftyp"][major brand:4]
  if (startsWith(bytes, ascii('ftyp'), 4) && bytes.byteLength >= 12) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (HEIF_BRANDS.has(brand)) return 'image/heic';
  }
  return null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function label(type: DocumentContentType): string {
  return { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/heic': 'HEIC' }[type];
}

function allowedText(policy: DocumentPolicy): string {
  const names = policy.allowedContentTypes.map(label);
  const last = names.pop();
  return `Upload a ${names.length > 0 ? `${names.join(', ')} or ${last}` : last} file.`;
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
