/** A clock tests move by hand; pass `clock.now` wherever a service takes `now`. */
export class TestClock {
  private current: Date;

  constructor(start: Date | string = '2026-11-23T15:00:00.000Z') {
    this.current = new Date(start);
  }

  readonly now = (): Date => new Date(this.current);

  set(to: Date | string): void {
    this.current = new Date(to);
  }

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }

  advanceMinutes(minutes: number): Date {
    return this.advance(minutes * 60_000);
  }

  advanceDays(days: number): Date {
    return this.advance(days * 86_400_000);
  }
}
