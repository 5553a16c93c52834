// Batch size chosen by time, as GitLab's batched migrations do: aim every batch at a target
// duration, grow when batches are quick, shrink at once when one is slow or times out.
export interface SizingOptions {
  targetMs: number;
  minSize: number;
  maxSize: number;
}

export class BatchSizer {
  size: number;
  constructor(
    private readonly o: SizingOptions,
    initial: number,
  ) {
    this.size = clamp(initial, o.minSize, o.maxSize);
  }

  /** After a batch that took `ms` for `rows`: move toward the size that would take targetMs,
   * at most doubling (one quick batch may be luck), any amount down. */
  observe(rows: number, ms: number): void {
    if (rows <= 0 || ms <= 0) return;
    const ideal = (rows / ms) * this.o.targetMs;
    const next = Math.min(ideal, this.size * 2);
    this.size = clamp(Math.round(next), this.o.minSize, this.o.maxSize);
  }

  /** A lock or statement timeout: halve. */
  failed(): void {
    this.size = clamp(Math.floor(this.size / 2), this.o.minSize, this.o.maxSize);
  }

  /** The health monitor lowered the target (pressure): shrink with it. */
  retarget(targetMs: number): void {
    this.size = clamp(Math.round((this.size * targetMs) / this.o.targetMs), this.o.minSize, this.o.maxSize);
    this.o.targetMs = targetMs;
  }
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));
