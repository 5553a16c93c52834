// `npm run migrate -- scale-out` against the one-node test stack, which has no Citus: the
// plan it derives from the migrated catalog (every table once, parents first, partitions
// under their parent), its refusals on tables built to break each Citus rule (created in a
// transaction that is rolled back), and the refusal of the whole command without Citus.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../stack/settings.ts';
import {
  localByDecision,
  readScaleOutCatalog,
  referenceByDecision,
  type ScaleOutCatalog,
  scaledSchemas,
} from '../../migrator/scale-out/catalog.ts';
import { parentsFirst } from '../../migrator/scale-out/order.ts';
import { planScaleOut, type ScaleOutPlan } from '../../migrator/scale-out/plan.ts';
import { planText } from '../../migrator/scale-out/report.ts';
import { restoreGrantStatements, tableGrants } from '../../migrator/scale-out/privileges.ts';
import { selectTables } from '../../migrator/scale-out/selection.ts';
import { coordinatorOnlyFunctions, grantStatements, type CoordinatorOnlyFunction } from '../../migrator/scale-out/functions.ts';
import { projectSchemas } from '../citus-safety/catalog.ts';
import { credentials, sql as connect } from '../support/test-stack.ts';

const sql = connect();
afterAll(() => sql.end());

const rolledBack = new Error('rolled back');

/** The catalog once `ddl` has run, in a transaction that is then rolled back. */
async function catalogWith(ddl: string): Promise<ScaleOutCatalog> {
  let catalog: ScaleOutCatalog | undefined;
  await sql
    .begin(async (tx) => {
      await tx.unsafe(ddl);
      catalog = await readScaleOutCatalog(tx);
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
  if (!catalog) throw new Error('no catalog read');
  return catalog;
}

const planned = (plan: ScaleOutPlan) => [
  ...plan.steps.map((s) => s.table),
  ...plan.refusals.map((r) => r.table),
  ...plan.local.map((l) => l.table),
];
const reasonsOf = (plan: ScaleOutPlan, table: string) => plan.refusals.find((r) => r.table === table)?.reasons ?? [];
const stepOf = (plan: ScaleOutPlan, table: string) => plan.steps.find((s) => s.table === table);

describe('scale-out plan from the migrated catalog', () => {
  it('scales the schemas the Citus-safety checks read', () => {
    expect(scaledSchemas).toEqual(projectSchemas);
  });

  it('takes every table of those schemas once, as reference (no institution_id) or distributed, partitions under their parent', async () => {
    const catalog = await readScaleOutCatalog(sql);
    const plan = planScaleOut(catalog, { walLevelLogical: true });
    const tables = await sql<{ name: string; tenant: boolean; partition: boolean }[]>`
      select format('%I.%I', n.nspname, c.relname) as name, c.relispartition as partition,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'institution_id' and not a.attisdropped) as tenant
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any(${scaledSchemas}) and c.relkind in ('r', 'p')`;
    const roots = tables.filter((t) => !t.partition).map((t) => t.name);
    expect(planned(plan).sort()).toEqual([...roots].sort());
    expect(new Set(planned(plan)).size).toBe(planned(plan).length);
    expect(roots).toEqual(expect.arrayContaining(['public.hpc_evaluations', 'public.audit_events', 'public.institutions']));
    const partitions = await sql<{ name: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as name
      from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_namespace n on n.oid = c.relnamespace
      where i.inhparent in ('public.hpc_evaluations'::regclass, 'public.audit_events'::regclass)`;
    expect(partitions.length).toBeGreaterThan(1);
    for (const p of partitions) expect(planned(plan)).not.toContain(p.name);
    const tenant = new Map(tables.map((t) => [t.name, t.tenant]));
    for (const step of plan.steps) {
      const distributed = tenant.get(step.table) && !(step.table in referenceByDecision);
      expect(step.kind).toBe(distributed ? 'distributed' : 'reference');
    }
    expect(tenant.get('public.institutions')).toBe(false);
    // has institution_id, and is planned as a reference table all the same
    expect(tenant.get('private.institution_email_domains')).toBe(true);
    expect(catalog.tables.find((t) => t.name === 'private.institution_email_domains')?.tenant).toBe(false);
  });

  it('places every table after the tables it references and the tables its triggers insert into', async () => {
    const catalog = await readScaleOutCatalog(sql);
    const { order, cyclic } = parentsFirst(catalog.tables, catalog.foreignKeys);
    expect(cyclic).toEqual([]);
    const at = new Map(order.map((t, i) => [t.name, i]));
    const edges = [
      ...catalog.foreignKeys.map((fk) => [fk.from, fk.to] as const),
      ...catalog.tables.flatMap((t) => t.triggerTargets.map((target) => [t.name, target] as const)),
    ].filter(([from, to]) => from !== to && at.has(from) && at.has(to));
    expect(edges.length).toBeGreaterThan(50);
    for (const [from, to] of edges) expect(at.get(to), `${to} before ${from}`).toBeLessThan(at.get(from)!);
    expect(catalog.tables.find((t) => t.name === 'public.hpc_reports')?.triggerTargets).toContain('public.audit_events');
    const plan = planScaleOut(catalog, { walLevelLogical: true });
    expect(order.map((t) => t.name).filter((t) => stepOf(plan, t))).toEqual(plan.steps.map((s) => s.table));
  });
});

describe('scale-out and the keys of BIG DAY\'s tables (docs/scale-out.md "Keys")', () => {
  /** A table's own reasons: not the ones it inherits from a refused parent. */
  const ownReasons = (plan: ScaleOutPlan) =>
    Object.fromEntries(
      plan.refusals
        .map((r) => [r.table, r.reasons.filter((reason) => !reason.includes('refused above: parents go first'))] as const)
        .filter(([, reasons]) => reasons.length > 0),
    );

  it('refuses no table with a key (institution_id, id) for its keys, and no composite foreign key for its columns', async () => {
    const plan = planScaleOut(await readScaleOutCatalog(sql), { walLevelLogical: true });
    const keyed = await sql<{ name: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as name
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'p' and n.nspname = any(${scaledSchemas}) and not c.relispartition
        and k.conkey = array[(select a.attnum from pg_attribute a where a.attrelid = c.oid and a.attname = 'institution_id'),
                             (select a.attnum from pg_attribute a where a.attrelid = c.oid and a.attname = 'id')]::int2[]`;
    const names = keyed.map((k) => k.name);
    for (const t of ['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses']) {
      expect(names).toContain(`public.${t}`);
    }
    for (const table of names) {
      for (const reason of reasonsOf(plan, table)) {
        expect(reason).not.toMatch(/^unique key /);
        expect(reason).not.toMatch(/does not match institution_id with institution_id/);
      }
    }
  });

  it('plans user_groups, system_settings and system_reports as reference tables by decision', async () => {
    const catalog = await readScaleOutCatalog(sql);
    for (const name of ['public.user_groups', 'public.system_settings', 'public.system_reports']) {
      expect(referenceByDecision[name]).toMatch(/^reference by decision: /);
      expect(catalog.tables.find((t) => t.name === name)?.tenant).toBe(false);
    }
    const plan = planScaleOut(catalog, { walLevelLogical: true });
    // user_groups: its own key by id and its key within itself are a reference table's own;
    // user_profiles.group_id points at a reference table, which Citus allows.
    expect(reasonsOf(plan, 'public.user_groups').filter((r) => !r.includes('refused above'))).toEqual([]);
    expect(reasonsOf(plan, 'public.user_profiles').filter((r) => !r.includes('refused above'))).toEqual([]);
  });

  it("keeps the coordinator's refresh bookkeeping local by decision", async () => {
    const plan = planScaleOut(await readScaleOutCatalog(sql), { walLevelLogical: true });
    expect(plan.local.map((l) => l.table).sort()).toEqual(Object.keys(localByDecision).sort());
    for (const l of plan.local) expect(l.why).toMatch(/^local by decision: /);
    expect(plan.steps.map((s) => s.table)).not.toContain('analytics.refresh_schedules');
  });

  it('drops the keys to auth.users of the tables it takes, and keeps audit_logs local with its keys', async () => {
    const plan = planScaleOut(await readScaleOutCatalog(sql), { walLevelLogical: true });
    expect(plan.refusals.flatMap((r) => r.reasons).join('\n')).not.toContain('auth.users');
    expect(plan.local.map((l) => l.table)).toContain('public.audit_logs');
    expect(stepOf(plan, 'public.audit_logs')).toBeUndefined();
    expect(stepOf(plan, 'public.system_reports')?.droppedKeys).toEqual(['system_reports_generated_by_fkey']);
    expect(stepOf(plan, 'public.system_settings')?.droppedKeys).toEqual(['system_settings_updated_by_fkey']);
    expect(stepOf(plan, 'public.user_permissions')?.droppedKeys).toEqual(['user_permissions_granted_by_fkey']);
    expect(plan.refusals.map((r) => r.table)).not.toContain('public.audit_logs');
  });

  it('distributes the audit log the blocking way: a function returns its rows', async () => {
    const plan = planScaleOut(await readScaleOutCatalog(sql), { walLevelLogical: true });
    expect(stepOf(plan, 'public.audit_events')?.method).toBe('create_distributed_table');
    expect(stepOf(plan, 'public.audit_events')?.why).toContain(
      'private.hpc_student_audit_events(uuid, uuid[], uuid[]) depends on its row type',
    );
  });

  it('refuses no table of the migrated schema for a reason of its own', async () => {
    const plan = planScaleOut(await readScaleOutCatalog(sql), { walLevelLogical: true });
    expect(ownReasons(plan)).toEqual({});
    expect(plan.refusals).toEqual([]);
  });
});

describe('scale-out policies', () => {
  it('drops the per-statement wrappers of the request context, tests sets per row and the school by = ANY, leaving other subqueries refused', async () => {
    const catalog = await readScaleOutCatalog(sql);
    const evaluations = catalog.tables.find((t) => t.name === 'public.hpc_evaluations')!;
    const read = evaluations.policyUnwraps.find((s) => s.startsWith('alter policy "Raters, teachers and leaders read evaluations"'));
    expect(read).toContain('(institution_id = ANY (ARRAY[private.hpc_institution_id()]))');
    expect(read).toContain('private.teaches_student(student_id)');
    expect(read).toContain('private.is_released_cycle(cycle_id)');
    for (const statement of evaluations.policyUnwraps) expect(statement).not.toMatch(/select/i);
    expect(evaluations.policiesWithSubquery).toEqual([]);
    // A subquery that reads a table stays a refusal.
    const probe = await catalogWith(`
      create table public.probe_policy (institution_id uuid, id uuid);
      create policy "Probe by table read" on public.probe_policy for select
        using (exists (select 1 from public.institutions as i where i.id = institution_id));`);
    const table = probe.tables.find((t) => t.name === 'public.probe_policy')!;
    expect(table.policiesWithSubquery).toEqual(['Probe by table read']);
    expect(table.policyUnwraps).toEqual([]);
  });
});

// Citus 13 on PostgreSQL 15 and 16 refuses every query with an outer join (each PostgREST
// embed) when the planner holds a qual without a column ("pseudoconstant"), which EXPLAIN
// shows as a One-Time Filter. A query that names its school, as a request does to reach one
// shard, must leave none under the policies' Citus form.
describe('scale-out policies leave no constant qual', () => {
  const SCHOOL = '10000000-0000-4000-8000-000000000001';

  /** The One-Time Filters of select, update and delete naming the school, per table, as a user,
   * once `setup` has run, in a transaction that is then rolled back. */
  async function constantQuals(
    setup: (tx: postgres.TransactionSql, catalog: ScaleOutCatalog) => Promise<string[]>,
  ): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {};
    await sql
      .begin(async (tx) => {
        const tables = await setup(tx, await readScaleOutCatalog(tx));
        await tx`select set_config('request.jwt.claims', json_build_object('sub', id, 'role', 'authenticated', 'aud', 'authenticated', 'email', email)::text, true)
                 from auth.users where email = 'meera.iyer@vidyaniketan.example'`;
        await tx`select set_config('role', 'authenticated', true)`;
        await tx`select private.set_request_context()`;
        for (const table of tables) {
          const [grants] = await tx<{ select: boolean; delete: boolean; column: string | null }[]>`
            select has_table_privilege(${table}, 'select') as select, has_table_privilege(${table}, 'delete') as delete,
                   (select attname from pg_attribute where attrelid = ${table}::regclass and attnum > 0 and not attisdropped
                      and has_column_privilege(${table}, attname, 'update') order by attnum limit 1) as column`;
          const statements = [
            grants?.select && `select * from ${table} where institution_id = '${SCHOOL}'`,
            grants?.column && `update ${table} set ${grants.column} = ${grants.column} where institution_id = '${SCHOOL}'`,
            grants?.delete && `delete from ${table} where institution_id = '${SCHOOL}'`,
          ].filter((s): s is string => typeof s === 'string');
          for (const statement of statements) {
            const plan = (await tx.unsafe(`explain (costs off) ${statement}`)).map((r) => r['QUERY PLAN'] as string);
            const filters = plan.filter((line) => line.includes('One-Time Filter'));
            if (filters.length > 0)
              found[table] = [...(found[table] ?? []), `${statement.split(' ')[0]}: ${filters[0]?.trim().slice(0, 160)}`];
          }
        }
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    return found;
  }

  const tenantTablesWithPolicies = (catalog: ScaleOutCatalog) =>
    catalog.tables.filter((t) => t.tenant && t.policyUnwraps.length > 0).map((t) => t.name);

  it('in any table a user reaches, once the policies have their Citus form', async () => {
    const found = await constantQuals(async (tx, catalog) => {
      for (const t of catalog.tables) for (const statement of t.policyUnwraps) await tx.unsafe(statement);
      return tenantTablesWithPolicies(catalog);
    });
    expect(found).toEqual({});
  });

  it('where the stored form of a school test and an admin test would leave two', async () => {
    const probe = `create table public.probe_rows (institution_id uuid not null, id uuid);
      alter table public.probe_rows enable row level security;
      grant select, update, delete on public.probe_rows to authenticated;
      create policy "Probe reads the school" on public.probe_rows for select using (institution_id = (select private.hpc_institution_id()));
      create policy "Probe edits as admin" on public.probe_rows for update
        using (institution_id = (select private.hpc_institution_id()) and (select private.is_institution_admin()));`;
    const stored = await constantQuals(async (tx) => {
      await tx.unsafe(probe);
      await tx.unsafe(`alter policy "Probe reads the school" on public.probe_rows using (institution_id = private.hpc_institution_id());
        alter policy "Probe edits as admin" on public.probe_rows using (institution_id = private.hpc_institution_id() and private.is_institution_admin())`);
      return ['public.probe_rows'];
    });
    expect(stored['public.probe_rows']).toHaveLength(2);
    const citus = await constantQuals(async (tx) => {
      await tx.unsafe(probe);
      const table = (await readScaleOutCatalog(tx)).tables.find((t) => t.name === 'public.probe_rows');
      for (const statement of table?.policyUnwraps ?? []) await tx.unsafe(statement);
      return ['public.probe_rows'];
    });
    expect(citus).toEqual({});
  });
});

describe('scale-out refusals, on tables built to break each rule', () => {
  const probes = `
    create table public.scale_out_probe_school (institution_id uuid not null, id uuid not null, primary key (institution_id, id));
    create table public.scale_out_probe_child (institution_id uuid not null, id uuid not null, school_row uuid,
      primary key (institution_id, id),
      foreign key (institution_id, school_row) references public.scale_out_probe_school (institution_id, id));
    create table public.scale_out_probe_alone (institution_id uuid not null, id uuid not null, primary key (institution_id, id));
    create table public.scale_out_probe_typed (institution_id uuid not null, id uuid not null, primary key (institution_id, id));
    create function public.scale_out_probe_rows() returns setof public.scale_out_probe_typed language sql stable
      as $fn$ select * from public.scale_out_probe_typed $fn$;
    create table public.scale_out_probe_id_keyed (institution_id uuid not null, id uuid primary key);
    create table public.scale_out_probe_loose_link (institution_id uuid not null, id uuid not null, other uuid,
      primary key (institution_id, id), unique (id),
      foreign key (other) references public.scale_out_probe_loose_link (id));
    create table public.scale_out_probe_mismatch (institution_id uuid not null, id uuid not null, school_row uuid,
      primary key (institution_id, id),
      foreign key (school_row, institution_id) references public.scale_out_probe_school (institution_id, id));
    create table public.scale_out_probe_lookup (code text primary key, school_row uuid, school uuid,
      foreign key (school, school_row) references public.scale_out_probe_school (institution_id, id));
    create table public.scale_out_probe_user_link (institution_id uuid not null, id uuid not null,
      primary key (institution_id, id), user_id uuid references auth.users (id));
    create table public.scale_out_probe_policed (institution_id uuid not null, id uuid not null, primary key (institution_id, id));
    alter table public.scale_out_probe_policed enable row level security;
    create policy "Probe reads through a subquery" on public.scale_out_probe_policed for select
      using (institution_id in (select institution_id from public.scale_out_probe_school));
    create table public.scale_out_probe_global (code text primary key);
    create function public.scale_out_probe_log() returns trigger language plpgsql set search_path = '' as $fn$
      begin insert into public.scale_out_probe_school (institution_id, id) values (gen_random_uuid(), gen_random_uuid()); return new; end $fn$;
    create trigger scale_out_probe_log after insert on public.scale_out_probe_global
      for each row execute function public.scale_out_probe_log();`;

  it('distributes colocated, parents first, concurrently only without foreign keys', async () => {
    const plan = planScaleOut(selectTables(await catalogWith(probes), ['public.scale_out_probe_*']), { walLevelLogical: true });
    const school = stepOf(plan, 'public.scale_out_probe_school');
    const child = stepOf(plan, 'public.scale_out_probe_child');
    const alone = stepOf(plan, 'public.scale_out_probe_alone');
    expect(school?.kind).toBe('distributed');
    expect(child?.kind).toBe('distributed');
    expect(plan.steps.indexOf(school!)).toBeLessThan(plan.steps.indexOf(child!));
    expect(alone?.method).toBe('create_distributed_table_concurrently');
    // The concurrent variant replaces the table, and a function naming its row type would go with it.
    expect(stepOf(plan, 'public.scale_out_probe_typed')?.method).toBe('create_distributed_table');
    expect(stepOf(plan, 'public.scale_out_probe_typed')?.why).toBe(
      'blocking: public.scale_out_probe_rows() depends on its row type, which the concurrent variant would drop with the table it replaces',
    );
    expect(child?.method).toBe('create_distributed_table');
    expect(child?.why).toContain('foreign keys with public.scale_out_probe_school');
    const anchors = plan.steps.filter((s) => s.kind === 'distributed' && s.colocateWith === 'none');
    expect(anchors.map((s) => s.table)).toEqual([plan.anchor]);
    for (const s of plan.steps.filter((s) => s.kind === 'distributed' && s.table !== plan.anchor)) expect(s.colocateWith).toBe(plan.anchor);
    // A table distributed later joins the group the cluster already has, not a group of its own.
    const later = planScaleOut(
      {
        ...selectTables(await catalogWith(probes), ['public.scale_out_probe_alone']),
        citusTables: [{ name: 'public.hpc_reports', kind: 'distributed', distributionColumn: 'institution_id', colocationId: 2 }],
      },
      { walLevelLogical: true },
    );
    expect(later.anchor).toBe('public.hpc_reports');
    expect(stepOf(later, 'public.scale_out_probe_alone')?.colocateWith).toBe('public.hpc_reports');
    const blocked = planScaleOut(selectTables(await catalogWith(probes), ['public.scale_out_probe_alone']), { walLevelLogical: false });
    expect(blocked.steps[0]?.why).toContain('wal_level is not logical');
  });

  it('refuses each table that breaks a rule, saying which object and why', async () => {
    const plan = planScaleOut(selectTables(await catalogWith(probes), ['public.scale_out_probe_*']), { walLevelLogical: true });
    expect(reasonsOf(plan, 'public.scale_out_probe_id_keyed')).toEqual([
      'unique key scale_out_probe_id_keyed_pkey does not include institution_id; Citus enforces uniqueness within a shard only',
    ]);
    expect(reasonsOf(plan, 'public.scale_out_probe_loose_link').join('\n')).toContain('unique key scale_out_probe_loose_link_id_key');
    // the key by id that its foreign key is bound to is named once, by its own name
    expect(reasonsOf(plan, 'public.scale_out_probe_loose_link').join('\n')).not.toContain(
      'unique key scale_out_probe_loose_link_other_fkey',
    );
    expect(reasonsOf(plan, 'public.scale_out_probe_mismatch').join('\n')).toContain(
      'foreign key scale_out_probe_mismatch_school_row_institution_id_fkey to public.scale_out_probe_school does not match institution_id',
    );
    expect(reasonsOf(plan, 'public.scale_out_probe_lookup').join('\n')).toContain(
      'references tenant table public.scale_out_probe_school; a reference table cannot reference a distributed table',
    );
    expect(reasonsOf(plan, 'public.scale_out_probe_user_link')).toEqual([]);
    expect(stepOf(plan, 'public.scale_out_probe_user_link')?.droppedKeys).toEqual(['scale_out_probe_user_link_user_id_fkey']);
    expect(planText(plan)).toContain(
      'drops foreign key scale_out_probe_user_link_user_id_fkey to auth.users: Citus keeps no key to a local table; the column stays',
    );
    expect(reasonsOf(plan, 'public.scale_out_probe_policed').join('\n')).toContain(
      '1 policy holds a subquery (Probe reads through a subquery)',
    );
    expect(reasonsOf(plan, 'public.scale_out_probe_global').join('\n')).toContain(
      "trigger scale_out_probe_log (scale_out_probe_log) writes a table, and a reference table's triggers run on every node's copy",
    );
    for (const fine of ['public.scale_out_probe_school', 'public.scale_out_probe_child', 'public.scale_out_probe_alone']) {
      expect(reasonsOf(plan, fine)).toEqual([]);
    }
  });

  it('refuses a table outside the selection as the local table it then stays', async () => {
    const plan = planScaleOut(selectTables(await catalogWith(probes), ['public.scale_out_probe_child']), { walLevelLogical: true });
    expect(reasonsOf(plan, 'public.scale_out_probe_child').join('\n')).toContain(
      'references public.scale_out_probe_school, which stays a local table on the coordinator',
    );
  });
});

describe('scale-out copies the functions Citus left on the coordinator', () => {
  /** What the query finds when Citus holds `tables` and no function yet: Citus' two catalogs
   * stood in for by temporary tables, which come first on the search path. */
  async function found(tables: string[]): Promise<CoordinatorOnlyFunction[]> {
    let result: CoordinatorOnlyFunction[] = [];
    await sql
      .begin(async (tx) => {
        await tx`create temporary table pg_dist_partition (logicalrelid oid)`;
        await tx`create temporary table pg_dist_object (classid oid, objid oid)`;
        for (const t of tables) await tx`insert into pg_dist_partition values (${t}::regclass)`;
        result = await coordinatorOnlyFunctions(tx);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    return result;
  }

  it("finds the functions that name a Citus table's row type, with the coordinator's grants", async () => {
    const fns = await found(['public.hpc_reports', 'public.report_jobs']);
    const names = fns.map((f) => f.fn);
    expect(names).toEqual(
      expect.arrayContaining(['previous_version(hpc_reports)', 'previous_version(record)', 'private.hpc_job_progress(report_jobs)']),
    );
    const shard = fns.find((f) => f.fn === 'previous_version(record)')!;
    expect(shard.executors).toEqual(['authenticated', 'postgres', 'service_role']);
    // Supabase's default privileges for functions; anon among them on some projects
    expect(shard.defaultExecutors).toEqual(expect.arrayContaining(['authenticated', 'service_role']));
    expect(fns.find((f) => f.fn === 'private.hpc_job_progress(report_jobs)')!.executors).toEqual(['postgres']);
    expect(await found([])).toEqual([]);
  });

  it("gives the workers' copy exactly the coordinator's grants", () => {
    const statements = grantStatements({
      fn: 'previous_version(record)',
      executors: ['authenticated', 'postgres', 'service_role'],
      defaultExecutors: ['anon', 'authenticated', 'service_role'],
    });
    expect(statements).toEqual([
      'revoke all on function previous_version(record) from public, anon, authenticated, service_role',
      'grant execute on function previous_version(record) to authenticated',
      'grant execute on function previous_version(record) to postgres',
      'grant execute on function previous_version(record) to service_role',
    ]);
    expect(grantStatements({ fn: 'f(uuid)', executors: ['PUBLIC'], defaultExecutors: ['PUBLIC'] })).toEqual([
      'revoke all on function f(uuid) from public',
      'grant execute on function f(uuid) to public',
    ]);
  });
});

describe("scale-out keeps a table's grants across the concurrent variant", () => {
  it('reads them and turns what a new table would get back into them, exactly', async () => {
    const grants = await tableGrants(sql, 'public.hpc_reports');
    expect(grants).toContainEqual({ grantee: 'authenticated', privilege: 'SELECT', grantable: false });
    expect(grants.map((g) => g.grantee)).not.toContain('anon');
    expect(restoreGrantStatements('public.hpc_reports', grants, grants)).toEqual([]);
    // What the concurrent variant left on the lab: the owner's default privileges, ALL to the API roles.
    const defaults = ['anon', 'authenticated', 'service_role'].flatMap((grantee) =>
      ['DELETE', 'INSERT', 'SELECT', 'UPDATE'].map((privilege) => ({ grantee, privilege, grantable: false })),
    );
    const statements = restoreGrantStatements('public.hpc_reports', grants, defaults);
    expect(statements).toContain('revoke all on table public.hpc_reports from anon');
    expect(statements).toContain('grant select on table public.hpc_reports to authenticated');
    expect(statements.filter((s) => s.startsWith('grant')).length).toBe(grants.length);
    const revokes = statements.filter((s) => s.startsWith('revoke')).length;
    expect(statements.slice(revokes).every((s) => s.startsWith('grant'))).toBe(true);
  });
});

describe('npm run migrate -- scale-out without Citus', () => {
  it('refuses with a non-zero exit and says why, changing nothing', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'migrator', 'cli.ts'), 'scale-out', '--db-url', credentials().dbUrl],
      {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, stdout + stderr).toBe(2);
    expect(stderr).toContain('scale-out refused: the citus extension is not installed in this database');
    expect(stderr).toContain('nothing was changed');
    expect(stdout).toBe('');
  });
});
