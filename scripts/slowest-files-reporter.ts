// A vitest reporter that prints the ten slowest test files at the end of a run:
// import, setup, tests and hooks, the time a file really holds a worker.
// Used by `npm test` so the README's list can be refreshed from any run.
import type { Reporter, TestModule } from 'vitest/node';

export default class SlowestFilesReporter implements Reporter {
  private readonly files: { name: string; ms: number; tests: number }[] = [];

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    const ms =
      d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration;
    const name = `${module.project.name}  ${module.relativeModuleId}`;
    this.files.push({ name, ms, tests: [...module.children.allTests()].length });
  }

  onTestRunEnd(): void {
    const top = [...this.files].sort((a, b) => b.ms - a.ms).slice(0, 10);
    if (top.length === 0) return;
    console.log('\nSlowest test files (import + setup + tests + hooks):');
    for (const f of top)
      console.log(`  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.name} (${f.tests} tests)`);
  }
}
