// Progress with rate and ETA for long steps: a bar on a terminal (cli-progress), a line
// every few seconds otherwise (CI logs, tests).
import cliProgress from 'cli-progress';
import type { Log } from './log.ts';

export class Progress {
  private bar?: cliProgress.SingleBar;
  private lastLine = 0;
  private readonly started = Date.now();
  private startValue?: number;

  constructor(
    private readonly label: string,
    private readonly log: Log,
  ) {}

  update(done: number, total: number, state: string): void {
    this.startValue ??= done;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = (done - this.startValue) / Math.max(seconds, 0.001);
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : NaN;
    if (process.stdout.isTTY && this.log === console.log) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          {
            format: `${this.label} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} {state}`,
          },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(total, done, { rate: 0, state });
      }
      this.bar.setTotal(total);
      this.bar.update(done, { rate: Math.round(rate), state });
      return;
    }
    if (Date.now() - this.lastLine < 5_000) return;
    this.lastLine = Date.now();
    this.log(
      `${this.label}: ${done}/${total} rows (${((100 * done) / Math.max(total, 1)).toFixed(1)}%), ` +
        `${Math.round(rate)} rows/s, ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}${state ? ` [${state}]` : ''}`,
    );
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
