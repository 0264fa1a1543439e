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

const summaries: Summary[] = [];
for (const path of paths.filter((p) => wanted.length === 0 || wanted.includes(p.name))) {
  console.error(`bench ${path.name}: ${path.description}`);
  await path.setup();
  try {
    const results = [];
    for (let i = 0; i < rounds; i++) results.push(await path.round(i));
    summaries.push(...summarize(path.name, results));
  } finally {
    await path.teardown();
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
await writeFile(file, `${JSON.stringify({ rounds, node: process.version, summaries }, null, 2)}\n`);
console.error(`wrote ${file}`);
process.exit(0);
