interface Sample {
  readonly atMs: number;
  readonly bytes: number;
}

/**
 * Speed and time left of one transfer, over a sliding window so that a stall or a burst shows
 * within seconds. The first sample of an attempt is the baseline: bytes a resume found already
 * stored are not counted as speed.
 */
export class TransferRate {
  #samples: Sample[] = [];

  constructor(
    private readonly windowMs = 5_000,
    private readonly minimumSpanMs = 750,
  ) {}

  reset(): void {
    this.#samples = [];
  }

  sample(atMs: number, bytes: number): void {
    this.#samples.push({ atMs, bytes });
    const oldest = atMs - this.windowMs;
    // Keep one sample older than the window so the span stays close to windowMs.
    while (this.#samples.length > 2 && (this.#samples[1]?.atMs ?? atMs) <= oldest) this.#samples.shift();
  }

  bytesPerSecond(): number | undefined {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (first === undefined || last === undefined) return undefined;
    const spanMs = last.atMs - first.atMs;
    if (spanMs < this.minimumSpanMs) return undefined;
    return (Math.max(0, last.bytes - first.bytes) * 1000) / spanMs;
  }

  secondsLeft(totalBytes: number): number | undefined {
    const rate = this.bytesPerSecond();
    const last = this.#samples.at(-1);
    if (rate === undefined || last === undefined || rate <= 0) return undefined;
    return Math.max(0, totalBytes - last.bytes) / rate;
  }
}
