// The emulator clock: wall time plus an offset that tests move forward, so that
// holds expire and payouts settle without anyone waiting. Optionally frozen.
export interface ClockOptions {
  /** Unix seconds the clock starts at (default: now). */
  start?: number;
  /** When true the clock only moves through advance()/set(). */
  frozen?: boolean;
}

const wallSeconds = (): number => Math.floor(Date.now() / 1000);

export class Clock {
  private offset = 0;
  private frozenAt: number | null = null;

  constructor(private readonly options: ClockOptions = {}) {
    this.reset();
  }

  /** Current emulator time in unix seconds. */
  now(): number {
    return (this.frozenAt ?? wallSeconds()) + this.offset;
  }

  advance(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advance_seconds must be >= 0');
    this.offset += Math.floor(seconds);
    return this.now();
  }

  /** Moves the clock to `unix`; like Stripe test clocks it never goes backwards. */
  set(unix: number): number {
    const delta = Math.floor(unix) - this.now();
    if (!Number.isFinite(delta) || delta < 0) throw new RangeError('the clock can only move forward');
    this.offset += delta;
    return this.now();
  }

  reset(): void {
    const wall = wallSeconds();
    const start = this.options.start ?? wall;
    this.frozenAt = this.options.frozen ? start : null;
    this.offset = this.options.frozen ? 0 : start - wall;
  }
}
