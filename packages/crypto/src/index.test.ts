import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CipherError, createFieldCipher } from './index.ts';

const key = () => randomBytes(32).toString('base64');
const k1 = `k1:${key()}`;
const k2 = `k2:${key()}`;

describe('field cipher', () => {
  it('round-trips and never contains the plaintext', () => {
    const cipher = createFieldCipher(k1);
    const sealed = cipher.sealJson({ thunderclap: true, meds: ['warfarin'] }, 'intake:1');
    expect(sealed).not.toContain('warfarin');
    expect(cipher.openJson(sealed, 'intake:1')).toEqual({ thunderclap: true, meds: ['warfarin'] });
  });

  it('uses a fresh nonce each time', () => {
    const cipher = createFieldCipher(k1);
    expect(cipher.seal('same', 'a')).not.toBe(cipher.seal('same', 'a'));
  });

  it('refuses a value moved to another row (associated data) or tampered with', () => {
    const cipher = createFieldCipher(k1);
    const sealed = cipher.seal('secret', 'intake:1');
    expect(() => cipher.open(sealed, 'intake:2')).toThrow(CipherError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.open(parts.join('.'), 'intake:1')).toThrow(/failed authentication/);
    expect(() => cipher.open('plain text', 'intake:1')).toThrow(/not a sealed value/);
  });

  it('rotates: old values open with the old key, new ones use the newest, and rotation is detectable', () => {
    const old = createFieldCipher(k1).seal('secret', 'x');
    const rotated = createFieldCipher(`${k2},${k1}`);
    expect(rotated.open(old, 'x')).toBe('secret');
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.seal('secret', 'x');
    expect(rotated.needsRotation(fresh)).toBe(false);
    expect(() => createFieldCipher(k1).open(fresh, 'x')).toThrow(/not in the key ring/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createFieldCipher('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
