/** `npm run bench [-- <path> ...] [--rounds=N]`: every path in bench/paths/ (or the named ones), one ratio table. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type BenchPath, type Summary, summarize } from './framework.ts';

const args = process.argv.slice(2);
const rounds = Math.max(3, Number(args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 3));
const wanted = args.filter((a) => !a.startsWith('--'));

const dir = resolve(import.meta.dirname, 'paths');
const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
const paths: BenchPath[] = [];
for (const file of files) paths.push((await import(resolve(dir, file))).default as BenchPath);
const unknown = wanted.filter((w) => !paths.some((p) => p.name === w));
if (unknown.length) {
  console.error(
    `unknown bench path(s): ${unknown.join(', ')}; known: ${paths.map((p) => p.name).join(', ')}`,
  );
  process.exit(2);
}

// Ctrl-C still stops what the running path started.
let current: BenchPath | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`${signal}: stopping ${current?.name ?? 'nothing'}`);
    void (current?.teardown() ?? Promise.resolve()).finally(() => process.exit(130));
  });

const summaries: Summary[] = [];
const failed: { path: string; error: string }[] = [];
for (const path of paths.filter((p) => wanted.length === 0 || wanted.includes(p.name))) {
  console.error(`bench ${path.name}: ${path.description}`);
  current = path;
  try {
    await path.setup();
    const results = [];
    for (let i = 0; i < rounds; i++) {
      const started = Date.now();
      results.push(await path.round(i));
      console.error(`  round ${i + 1}/${rounds} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    summaries.push(...summarize(path.name, results));
  } catch (err) {
    // One broken path does not cost the others' figures; it is named in the output and the exit code.
    console.error(`bench ${path.name} failed: ${(err as Error).stack ?? err}`);
    failed.push({ path: path.name, error: (err as Error).message });
  } finally {
    await path.teardown();
    current = null;
  }
}

const n = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const rows = summaries.map((s) => [
  s.path,
  s.metric,
  `${n(s.subject.median)} ${s.unit}`,
  s.reference ? `${n(s.reference.median)} ${s.unit} (${s.referenceLabel ?? 'reference'})` : '—',
  `${n(s.ratio.min)} / ${n(s.ratio.median)} / ${n(s.ratio.max)}`,
  s.target === undefined ? '—' : `${s.better === 'higher' ? '≥' : '≤'} ${s.target}`,
  s.met === null ? '' : s.met ? 'met' : 'NOT MET',
]);
const header = [
  'path',
  'metric',
  'subject (median)',
  'reference (median)',
  'ratio min / median / max',
  'target',
  '',
];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

const out = resolve(import.meta.dirname, 'results');
await mkdir(out, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = resolve(out, `bench-${stamp}.json`);
const json = `${JSON.stringify({ at: new Date().toISOString(), rounds, node: process.version, summaries, failed }, null, 2)}\n`;
await writeFile(file, json);
await writeFile(resolve(out, 'latest.json'), json);
for (const f of failed) console.log(`| ${f.path} | FAILED: ${f.error.split('\n')[0]} | | | | | |`);
console.error(`wrote ${file} (and latest.json)`);
process.exit(failed.length ? 1 : 0);
