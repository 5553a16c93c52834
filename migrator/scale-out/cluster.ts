// What the coordinator must be before scale-out changes anything: Citus installed, this node
// the coordinator, workers added. Each failed check is a sentence the operator can act on.
import type postgres from 'postgres';
import { citusVersion } from './catalog.ts';

export interface Cluster {
  citusVersion: string;
  workers: number;
  walLevelLogical: boolean;
  shardCount: number;
}

export class ScaleOutRefused extends Error {}

export async function readCluster(sql: postgres.Sql): Promise<Cluster> {
  const version = await citusVersion(sql);
  if (!version) {
    throw new ScaleOutRefused(
      'scale-out refused: the citus extension is not installed in this database. ' +
        'Run it against a Citus coordinator (shared_preload_libraries = citus, create extension citus, workers added with citus_add_node); nothing was changed.',
    );
  }
  const [node] = await sql<{ coordinator: boolean; workers: number; wal: string; shards: string }[]>`
    select citus_is_coordinator() as coordinator,
           (select count(*)::int from pg_dist_node where noderole = 'primary' and isactive and groupid <> 0) as workers,
           current_setting('wal_level') as wal, current_setting('citus.shard_count') as shards`;
  if (!node?.coordinator) throw new ScaleOutRefused('scale-out refused: this node is not the Citus coordinator; nothing was changed.');
  if (node.workers === 0) {
    throw new ScaleOutRefused(
      'scale-out refused: the coordinator has no worker nodes (add them with citus_add_node); nothing was changed.',
    );
  }
  // Citus commits DDL on the workers with two-phase commit, and PostgreSQL cannot PREPARE a
  // transaction that has sent a NOTIFY: Supabase's PostgREST reload watchers break every step.
  const notifying = await sql<{ name: string }[]>`
    select e.evtname as name from pg_event_trigger e join pg_proc p on p.oid = e.evtfoid
    where e.evtenabled <> 'D' and p.prosrc ~* '\\mnotify\\M|pg_notify'
    order by 1`;
  if (notifying.length > 0) {
    throw new ScaleOutRefused(
      `scale-out refused: event triggers ${notifying.map((e) => e.name).join(', ')} send NOTIFY, which Citus' two-phase commit ` +
        'refuses ("cannot PREPARE a transaction that has executed LISTEN, UNLISTEN, or NOTIFY"). Disable them on the coordinator ' +
        "and the workers (docs/scale-out.md) and tell PostgREST to reload with NOTIFY pgrst, 'reload schema' afterwards; nothing was changed.",
    );
  }
  // `create extension citus` adds views to public (citus_tables, citus_schemas) granted to
  // PUBLIC, so PostgREST would serve every distributed table's name, size and owner to anon.
  // They belong to the extension's owner, whom scale-out (connected as postgres) cannot speak
  // for: the operator revokes them, as with the event triggers.
  const citusViews = await sql<{ name: string }[]>`
    select format('public.%I', c.relname) as name
    from pg_class c
    join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
    join pg_extension e on e.oid = d.refobjid and e.extname = 'citus'
    where c.relnamespace = 'public'::regnamespace
      and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select'))
    order by 1`;
  if (citusViews.length > 0) {
    const names = citusViews.map((v) => v.name).join(', ');
    throw new ScaleOutRefused(
      `scale-out refused: Citus' views ${names} in public are readable by anon and authenticated, so the API would serve them. ` +
        `As the citus extension's owner run: revoke all on ${names} from public; nothing was changed.`,
    );
  }
  return { citusVersion: version, workers: node.workers, walLevelLogical: node.wal === 'logical', shardCount: Number(node.shards) };
}
