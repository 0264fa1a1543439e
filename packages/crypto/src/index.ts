import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) for sensitive fields such as health
 * answers. The key ring comes from config as `id:base64key,...`, newest
 * first: new data is sealed with the first key, old data still opens with
 * the key its envelope names, and `needsRotation` finds rows to re-seal.
 * The associated data binds a ciphertext to its row, so a value copied into
 * another row (or another column) does not decrypt.
 */
export interface FieldCipher {
  seal(plaintext: string, associatedData: string): string;
  open(envelope: string, associatedData: string): string;
  sealJson(value: unknown, associatedData: string): string;
  openJson<T>(envelope: string, associatedData: string): T;
  needsRotation(envelope: string): boolean;
  readonly currentKeyId: string;
}

export class CipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CipherError';
  }
}

const VERSION = 'v1';

export function parseKeyRing(spec: string): Map<string, Buffer> {
  const ring = new Map<string, Buffer>();
  for (const part of spec.split(',')) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || key.length !== 32) throw new CipherError(`key "${id ?? ''}" must be 32 bytes of base64`);
    ring.set(id, key);
  }
  return ring;
}

export function createFieldCipher(keyRingSpec: string): FieldCipher {
  const ring = parseKeyRing(keyRingSpec);
  const [currentKeyId, currentKey] = [...ring.entries()][0] as [string, Buffer];

  const seal = (plaintext: string, aad: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      currentKeyId,
      iv.toString('base64url'),
      body.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  };

  const open = (envelope: string, aad: string): string => {
    const [version, keyId, iv, body, tag] = envelope.split('.');
    if (version !== VERSION || !keyId || !iv || body === undefined || !tag)
      throw new CipherError('not a sealed value');
    const key = ring.get(keyId);
    if (!key) throw new CipherError(`key "${keyId}" is not in the key ring`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new CipherError('sealed value failed authentication');
    }
  };

  return {
    currentKeyId,
    seal,
    open,
    sealJson: (value, aad) => seal(JSON.stringify(value), aad),
    openJson: <T>(envelope: string, aad: string) => JSON.parse(open(envelope, aad)) as T,
    needsRotation: (envelope) => envelope.split('.')[1] !== currentKeyId,
  };
}
