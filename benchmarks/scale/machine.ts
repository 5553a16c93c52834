// The machine a run measured on, for RESULTS.md: the CPU, memory and OS, the PostgreSQL
// version and the server settings that decide the plans.
import { cpus, totalmem, release, platform } from 'node:os';
import type { Sql } from './harness.ts';

export async function machineFacts(admin: Sql): Promise<Record<string, unknown>> {
  const settings = await admin`select name, current_setting(name) as setting, null as unit from pg_settings where name in
    ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'random_page_cost', 'jit')`;
  const [ver] = await admin`select version() as v`;
  return {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    postgres: ver?.v,
    settings: Object.fromEntries(settings.map((r) => [r.name, `${r.setting}${r.unit ? ` ${r.unit}` : ''}`])),
  };
}
