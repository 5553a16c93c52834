// A backend that keeps a core busy and does no database work: no table, no lock, no WAL.
// It runs in the backfill's rhythm (a transaction of `batchMs` of CPU, then the rest a batch
// earns at the duty cycle, as the engine computes it),
// so the workload's latency beside it is the floor that CPU alone sets on this machine, the
// part of the backfill's cost that no batch size, throttle or lock discipline can remove.
import { execFileSync } from 'node:child_process';
import { connect, sleep, type Sql } from '../../migrator/db.ts';
import { dutyCycleRestMs } from '../../migrator/backfill/options.ts';

export interface BusyBackendOptions {
  url: string;
  /** Share of the time spent busy (0 < duty ≤ 1), as the backfill's duty cycle. */
  dutyCycle: number;
  /** Length of one busy transaction, as the backfill's target batch time. */
  batchMs: number;
  /** Run the backend under SCHED_IDLE (chrt; the server must run on this host), so that the
   * kernel gives the core to any other process that wants it. */
  idlePolicy?: boolean;
}

export class BusyBackend {
  private sql?: Sql;
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly o: BusyBackendOptions) {
    if (!(o.dutyCycle > 0 && o.dutyCycle <= 1)) throw new Error(`BusyBackend: dutyCycle must be in (0, 1], got ${o.dutyCycle}`);
  }

  async start(): Promise<void> {
    this.sql = connect(this.o.url, { max: 1, app: 'bench-busy-backend' });
    const [row] = await this.sql`select pg_backend_pid() as pid`;
    const pid = String(row!.pid);
    if (this.o.idlePolicy) execFileSync('chrt', ['--idle', '-p', '0', pid]);
    const busyMs = this.o.batchMs;
    const restMs = dutyCycleRestMs(busyMs, this.o.dutyCycle);
    this.running = true;
    // One short transaction per burst, as the backfill's batches are: a long one would hold
    // back the xmin horizon and measure something else.
    const burst = `do $busy$ declare n bigint := 0; until timestamptz := clock_timestamp() + interval '${busyMs} ms';
      begin while clock_timestamp() < until loop n := n + 1; end loop; end $busy$`;
    this.loop = (async () => {
      while (this.running) {
        await this.sql!.unsafe(burst);
        if (restMs > 0) await sleep(restMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.sql?.end();
  }
}
