type DeliverBatch<T> = (ids: readonly string[]) => Promise<Map<string, T>>;

interface Waiting<T> {
  id: string;
  resolve: (outcome: T) => void;
  reject: (err: unknown) => void;
}

/** How long the first job of a batch waits for others to join it: short against a reminder's lag. */
const LINGER_MS = 5;

/**
 * Gathers the reminder jobs a worker holds at once into one delivery transaction. Each job still
 * settles on its own: with its reminder's outcome once the batch commits, or with the error. A batch
 * that fails is retried one reminder at a time, so one bad row fails only its own job.
 */
export class ReminderBatcher<T> {
  private waiting: Waiting<T>[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliverBatch: DeliverBatch<T>,
    private readonly maxBatch: number,
    /** The outcome of an id the batch did not report on. */
    private readonly missing: T,
  ) {}

  deliver(id: string): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), LINGER_MS);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting.splice(0, this.maxBatch);
    if (batch.length > 0) void this.run(batch);
    if (this.waiting.length > 0) this.timer = setTimeout(() => this.flush(), LINGER_MS);
  }

  private async run(batch: Waiting<T>[]): Promise<void> {
    try {
      const outcomes = await this.deliverBatch(batch.map((w) => w.id));
      for (const w of batch) w.resolve(outcomes.get(w.id) ?? this.missing);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]?.reject(err);
        return;
      }
      await Promise.all(batch.map((w) => this.run([w])));
    }
  }
}
