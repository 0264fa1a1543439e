/**
 * The bench contract. A path measures one thing users wait on against a reference measured in the same run,
 * interleaved (reference, then subject, in every round), so a noisy shared machine moves both alike.
 * `npm run bench [-- <path> ...] [--rounds=N]` runs each path's rounds (at least 3) and reports every figure's
 * ratio to its reference as min/median/max. Each file in bench/paths/ default-exports one BenchPath.
 */
export interface Figure {
  /** What is measured, e.g. 'me throughput' or 'statements per booking request'. */
  metric: string;
  unit: string;
  subject: number;
  /** The same-run reference, or null for an absolute figure (a count), whose "ratio" is the subject itself. */
  reference: number | null;
  referenceLabel?: string;
  better: 'higher' | 'lower';
  /** Target for the ratio (or for the subject when reference is null): ≥ when better is higher, ≤ when lower. */
  target?: number;
}

export interface BenchPath {
  /** Selects the path on the command line: `npm run bench -- gateway`. */
  name: string;
  description: string;
  /** Starts what the path needs: its own servers on spare ports, throwaway databases. Loopback only. */
  setup(): Promise<void>;
  /** One interleaved round: every reference, then every subject. Bounded in count and time. */
  round(index: number): Promise<Figure[]>;
  teardown(): Promise<void>;
}

export interface Summary {
  path: string;
  metric: string;
  unit: string;
  referenceLabel?: string;
  better: 'higher' | 'lower';
  target?: number;
  ratio: { min: number; median: number; max: number };
  subject: { min: number; median: number; max: number };
  reference: { min: number; median: number; max: number } | null;
  met: boolean | null;
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] as number, median: median as number, max: sorted[sorted.length - 1] as number };
};

/** Folds the rounds of one path into one summary per metric (the ratio is taken per round, then spread). */
export function summarize(path: string, rounds: Figure[][]): Summary[] {
  const byMetric = new Map<string, Figure[]>();
  for (const figure of rounds.flat())
    byMetric.set(figure.metric, [...(byMetric.get(figure.metric) ?? []), figure]);
  return [...byMetric.entries()].map(([metric, figures]) => {
    const first = figures[0] as Figure;
    const ratios = figures.map((f) => (f.reference === null ? f.subject : f.subject / f.reference));
    const ratio = spread(ratios);
    const met =
      first.target === undefined
        ? null
        : first.better === 'higher'
          ? ratio.median >= first.target
          : ratio.median <= first.target;
    const references = figures.map((f) => f.reference).filter((r): r is number => r !== null);
    return {
      path,
      metric,
      unit: first.unit,
      referenceLabel: first.referenceLabel,
      better: first.better,
      target: first.target,
      ratio,
      subject: spread(figures.map((f) => f.subject)),
      reference: references.length ? spread(references) : null,
      met,
    };
  });
}
