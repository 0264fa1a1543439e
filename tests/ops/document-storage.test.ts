import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DocumentStorage,
  LocalDiskStorage,
  S3Storage,
} from '@mm/screening/src/modules/documents/document.storage.ts';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One contract, two implementations: local disk (the default) and S3 through
// the AWS SDK against a real S3-compatible server on loopback (s3rver).
const BUCKET = 'mm-documents';
let dir: string;
let s3server: S3rver;
let s3: S3Storage;
let local: LocalDiskStorage;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mm-storage-'));
  s3server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = (await s3server.run()) as unknown as { port: number };
  s3 = new S3Storage({
    bucket: BUCKET,
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  local = new LocalDiskStorage(join(dir, 'local'));
});
afterAll(async () => {
  s3?.close();
  await s3server?.close();
  await rm(dir, { recursive: true, force: true });
});

const implementations: [string, () => DocumentStorage][] = [
  ['local disk', () => local],
  ['S3 (s3rver)', () => s3],
];

describe.each(implementations)('document storage: %s', (_name, storage) => {
  it('returns exactly the bytes stored under a key (binary, nested key)', async () => {
    const bytes = randomBytes(200_000);
    const key = `application-1/${randomBytes(4).toString('hex')}-licence.pdf`;
    await storage().put(key, bytes);
    const back = await storage().get(key);
    expect(back).not.toBeNull();
    expect(Buffer.compare(back!, bytes)).toBe(0);
  });

  it('answers null for a key never stored', async () => {
    expect(await storage().get(`application-1/missing-${randomBytes(4).toString('hex')}`)).toBeNull();
  });

  it('a second put under the same key replaces the first', async () => {
    const key = `application-2/${randomBytes(4).toString('hex')}`;
    await storage().put(key, Buffer.from('first'));
    await storage().put(key, Buffer.from('second version'));
    expect((await storage().get(key))?.toString()).toBe('second version');
  });

  it('keeps keys apart', async () => {
    const [a, b] = [`k/${randomBytes(4).toString('hex')}`, `k/${randomBytes(4).toString('hex')}`];
    await Promise.all([storage().put(a, Buffer.from('a')), storage().put(b, Buffer.from('b'))]);
    expect((await storage().get(a))?.toString()).toBe('a');
    expect((await storage().get(b))?.toString()).toBe('b');
  });
});

describe('local disk', () => {
  it('refuses a key that would escape its directory', async () => {
    await expect(local.put('../outside', Buffer.from('x'))).rejects.toThrow(/escapes the storage root/);
  });
});
