// Each Citus-safety rule finds an object built to break it, and passes its Citus-safe twin:
// both are created in a transaction that is rolled back, so the schema never keeps them.
import { afterAll, describe, expect, it } from 'vitest';
import { sql as connect } from '../support/test-stack.ts';
import { readCatalog } from './catalog.ts';
import { rules, type Violation } from './rules.ts';

const sql = connect();
afterAll(() => sql.end());

const rolledBack = new Error('rolled back');

/** What `ruleName` reports once `ddl` has run, in a transaction that is then rolled back. */
async function findings(ruleName: string, ddl: string): Promise<Violation[]> {
  const rule = rules.find((r) => r.name === ruleName);
  if (!rule) throw new Error(`no rule "${ruleName}"`);
  let found: Violation[] = [];
  await sql
    .begin(async (tx) => {
      await tx.unsafe(ddl);
      found = rule.check(await readCatalog(tx));
      throw rolledBack;
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error;
    });
  return found;
}

const objects = (found: Violation[]) => found.map((v) => v.object);

/** A tenant table for the probes (it has institution_id, so it is distributed on Citus). */
const probeTable = 'create table public.probe_rows (institution_id uuid, id uuid, note text);';

/** A PL/pgSQL function public.<name>(p uuid) with `body` between begin and end. */
const plpgsql = (name: string, body: string, returns = 'void') =>
  `create function public.${name}(p uuid) returns ${returns} language plpgsql set search_path = '' as $fn$
   declare v_institution uuid := private.current_institution_id();
   begin ${body} end $fn$;`;

describe('Citus-safety rules catch what breaks them', () => {
  it('policies: a subquery or a helper that reads tables is found, a comparison with the request context is not', async () => {
    const found = objects(
      await findings(
        'policies read no tables',
        `${probeTable}
      create policy "Probe by subquery" on public.probe_rows for select using (institution_id = (select private.current_institution_id()));
      create policy "Probe by helper" on public.probe_rows for update using (institution_id = private.current_institution_id());
      create policy "Probe by context" on public.probe_rows for delete
        using (institution_id = private.hpc_institution_id() and private.is_institution_admin());`,
      ),
    );
    expect(found).toContain('public.probe_rows: Probe by subquery');
    expect(found).toContain('public.probe_rows: Probe by helper');
    expect(found).not.toContain('public.probe_rows: Probe by context');
  });

  it('trigger functions: TG_TABLE_NAME is found, TG_ARGV is not', async () => {
    const found = objects(
      await findings(
        'trigger functions do not read TG_TABLE_NAME',
        `
      create function public.probe_by_name() returns trigger language plpgsql set search_path = '' as $fn$
        begin if tg_table_name = 'probe_rows' then new.note := 'x'; end if; return new; end $fn$;
      create function public.probe_by_argument() returns trigger language plpgsql set search_path = '' as $fn$
        begin if tg_argv[0] = 'probe_rows' then new.note := 'x'; end if; return new; end $fn$;`,
      ),
    );
    expect(found).toContain('public.probe_by_name()');
    expect(found).not.toContain('public.probe_by_argument()');
  });

  it("triggers: writing a global table or a tenant table without institution_id is found, the row's own school is not", async () => {
    const trigger = (name: string, body: string) => `
      create function public.${name}() returns trigger language plpgsql set search_path = '' as $fn$
        begin ${body} return new; end $fn$;
      create trigger ${name} after insert on public.probe_rows for each row execute function public.${name}();`;
    const found = await findings(
      "triggers write only their own school's rows",
      `${probeTable}
      ${trigger('probe_writes_global', `insert into public.institutions (id, name, slug) values (new.id, 'x', 'x');`)}
      ${trigger('probe_writes_any_school', `update public.hpc_reports set content = '{}' where id = new.id;`)}
      ${trigger('probe_writes_own_school', `update public.hpc_reports set content = '{}' where institution_id = new.institution_id and id = new.id;`)}`,
    );
    expect(found.find((v) => v.object === 'public.probe_writes_global()')?.detail).toMatch(
      /public\.institutions, which has no institution_id/,
    );
    expect(found.find((v) => v.object === 'public.probe_writes_any_school()')?.detail).toMatch(
      /public\.hpc_reports without naming institution_id/,
    );
    expect(objects(found)).not.toContain('public.probe_writes_own_school()');
  });

  it('joins: a join of tenant tables on id alone is found, in functions and views; with institution_id it is not', async () => {
    const found = objects(
      await findings(
        'joins between tenant tables include institution_id',
        `
      ${plpgsql(
        'probe_join_by_id',
        `return (select count(*) from public.section_students as s
        join public.user_profiles as u on u.id = s.student_id where s.institution_id = p);`,
        'bigint',
      )}
      ${plpgsql(
        'probe_join_by_school',
        `return (select count(*) from public.section_students as s
        join public.user_profiles as u on u.institution_id = s.institution_id and u.id = s.student_id where s.institution_id = p);`,
        'bigint',
      )}
      create view public.probe_join_view as
        select u.full_name from public.section_students as s join public.user_profiles as u on u.id = s.student_id;`,
      ),
    );
    expect(found).toContain('public.probe_join_by_id(p uuid)');
    expect(found).toContain('public.probe_join_view');
    expect(found).not.toContain('public.probe_join_by_school(p uuid)');
  });

  it('a forced generic plan is found', async () => {
    const found = objects(
      await findings(
        'no forced generic plans',
        `
      create function public.probe_generic(p uuid) returns void language plpgsql
        set search_path = '' set plan_cache_mode = force_generic_plan as $fn$ begin end $fn$;
      ${plpgsql('probe_custom', '')}`,
      ),
    );
    expect(found).toContain('public.probe_generic(p uuid)');
    expect(found).not.toContain('public.probe_custom(p uuid)');
  });

  it('an OFFSET 0 fence is found', async () => {
    const found = objects(
      await findings(
        'no OFFSET 0 fences',
        `
      ${plpgsql('probe_fenced', `perform * from (select r.id from public.hpc_reports as r where r.institution_id = p offset 0) as x;`)}
      ${plpgsql('probe_unfenced', `perform * from (select r.id from public.hpc_reports as r where r.institution_id = p) as x;`)}`,
      ),
    );
    expect(found).toContain('public.probe_fenced(p uuid)');
    expect(found).not.toContain('public.probe_unfenced(p uuid)');
  });

  it('a SQL function with a parameter that queries a tenant table is found, its PL/pgSQL twin is not', async () => {
    const found = objects(
      await findings(
        'SQL functions with parameters query no tenant table',
        `
      create function public.probe_sql(p uuid) returns bigint language sql set search_path = '' as $fn$
        select count(*) from public.hpc_reports as r where r.institution_id = p $fn$;
      ${plpgsql('probe_plpgsql', `return (select count(*) from public.hpc_reports as r where r.institution_id = p);`, 'bigint')}`,
      ),
    );
    expect(found).toContain('public.probe_sql(p uuid)');
    expect(found).not.toContain('public.probe_plpgsql(p uuid)');
  });

  it('now() inside CASE or COALESCE in a write is found, a variable is not', async () => {
    const found = objects(
      await findings(
        'no now() inside CASE or COALESCE in a write',
        `
      ${plpgsql(
        'probe_now_in_coalesce',
        `update public.hpc_reports as r set published_at = coalesce(r.published_at, now())
        where r.institution_id = p;`,
      )}
      ${plpgsql(
        'probe_now_in_case',
        `insert into public.probe_rows (institution_id, note)
        values (p, case when p is null then now()::text end);`,
      )}
      ${plpgsql(
        'probe_now_taken_first',
        `declare v_now timestamptz := now(); begin
        update public.hpc_reports as r set published_at = coalesce(r.published_at, v_now) where r.institution_id = p; end;`,
      )}`,
      ),
    );
    expect(found).toContain('public.probe_now_in_coalesce(p uuid)');
    expect(found).toContain('public.probe_now_in_case(p uuid)');
    expect(found).not.toContain('public.probe_now_taken_first(p uuid)');
  });

  it('auth.uid() or an inlined CASE / COALESCE reader inside UPDATE or DELETE is found, a variable or a subquery is not', async () => {
    const found = objects(
      await findings(
        'UPDATE and DELETE read the caller by value',
        `${probeTable}
      create function public.probe_setting() returns uuid language sql stable as
        $fn$ select coalesce(nullif(current_setting('probe.user', true), ''), null)::uuid $fn$;
      ${plpgsql('probe_update_by_uid', `update public.probe_rows set note = 'x' where institution_id = p and id = auth.uid();`)}
      ${plpgsql('probe_delete_by_reader', `delete from public.probe_rows where institution_id = p and id = public.probe_setting();`)}
      ${plpgsql('probe_set_role', `update public.probe_rows set note = auth.role() where institution_id = p;`)}
      ${plpgsql(
        'probe_caller_taken_first',
        `declare v_me uuid := auth.uid(); begin
        update public.probe_rows set note = 'x' where institution_id = p and id = v_me; end;`,
      )}
      ${plpgsql('probe_caller_by_subquery', `delete from public.probe_rows where institution_id = p and id = (select auth.uid());`)}`,
      ),
    );
    expect(found).toContain('public.probe_update_by_uid(p uuid)');
    expect(found).toContain('public.probe_delete_by_reader(p uuid)');
    expect(found).toContain('public.probe_set_role(p uuid)');
    expect(found).not.toContain('public.probe_caller_taken_first(p uuid)');
    expect(found).not.toContain('public.probe_caller_by_subquery(p uuid)');
  });

  it('a locking read of a tenant table across schools is found, one naming its school is not', async () => {
    const found = objects(
      await findings(
        'locking reads of tenant tables name institution_id',
        `
      ${plpgsql(
        'probe_lock_every_school',
        `perform r.id from public.hpc_reports as r where r.status = 'approved' and r.id = p for update skip locked;`,
      )}
      ${plpgsql('probe_lock_some_schools', `perform r.id from public.hpc_reports as r where r.institution_id = any (array[p]) for update;`)}
      ${plpgsql(
        'probe_lock_one_school',
        `perform r.id from public.hpc_reports as r where r.institution_id = p and r.status = 'approved' for update skip locked;`,
      )}`,
      ),
    );
    expect(found).toContain('public.probe_lock_every_school(p uuid)');
    expect(found).toContain('public.probe_lock_some_schools(p uuid)');
    expect(found).not.toContain('public.probe_lock_one_school(p uuid)');
  });

  it('a function that writes, called inside a query on tenant tables, is found; called per row of a loop it is not', async () => {
    const found = objects(
      await findings(
        'functions that write are not called inside queries on tenant tables',
        `${probeTable}
      ${plpgsql('probe_writer', `insert into public.probe_rows (institution_id, note) values (p, 'x');`)}
      ${plpgsql(
        'probe_writes_in_query',
        `perform public.probe_writer(r.institution_id) from public.hpc_reports as r where r.institution_id = p;`,
      )}
      ${plpgsql(
        'probe_writes_per_row',
        `declare v record; begin
        for v in select r.institution_id from public.hpc_reports as r where r.institution_id = p loop
          perform public.probe_writer(v.institution_id);
        end loop; end;`,
      )}`,
      ),
    );
    expect(found).toContain('public.probe_writes_in_query(p uuid)');
    expect(found).not.toContain('public.probe_writes_per_row(p uuid)');
  });

  it('a function that reads tenant tables, called inside a query on them, is found; read into a variable first it is not', async () => {
    const found = objects(
      await findings(
        'functions that read tenant tables are not called inside queries on tenant tables',
        `${probeTable}
      ${plpgsql('probe_reader', `return (select count(*) from public.hpc_reports as r where r.institution_id = p);`, 'bigint')}
      ${plpgsql('probe_reads_in_query', `perform r.id from public.hpc_reports as r where r.institution_id = p and public.probe_reader(p) > 0;`)}
      ${plpgsql(
        'probe_reads_first',
        `declare n bigint := public.probe_reader(p); begin
        perform r.id from public.hpc_reports as r where r.institution_id = p and n > 0; end;`,
      )}`,
      ),
    );
    expect(found).toContain('public.probe_reads_in_query(p uuid)');
    expect(found).not.toContain('public.probe_reads_first(p uuid)');
  });

  it('a subquery inside INSERT … VALUES is found, INSERT … SELECT is not', async () => {
    const found = objects(
      await findings(
        'no subquery inside INSERT … VALUES',
        `${probeTable}
      ${plpgsql(
        'probe_insert_subquery',
        `insert into public.probe_rows (institution_id, note)
        values (p, (select r.status::text from public.hpc_reports as r where r.institution_id = p limit 1));`,
      )}
      ${plpgsql(
        'probe_insert_select',
        `insert into public.probe_rows (institution_id, note)
        select p, r.status::text from public.hpc_reports as r where r.institution_id = p limit 1;`,
      )}`,
      ),
    );
    expect(found).toContain('public.probe_insert_subquery(p uuid)');
    expect(found).not.toContain('public.probe_insert_select(p uuid)');
  });

  it("a simple CASE in SQL is found, a searched CASE and PL/pgSQL's CASE statement are not", async () => {
    const found = objects(
      await findings(
        'no simple CASE in SQL',
        `
      create function public.probe_simple_case(p text) returns int language sql set search_path = '' as $fn$
        select case p when 'a' then 1 else 2 end $fn$;
      create function public.probe_searched_case(p text) returns int language sql set search_path = '' as $fn$
        select case when p = 'a' then 1 else 2 end $fn$;
      create function public.probe_case_statement(p text) returns int language plpgsql set search_path = '' as $fn$
        begin case p when 'a' then return 1; else return 2; end case; end $fn$;`,
      ),
    );
    expect(found).toContain('public.probe_simple_case(p text)');
    expect(found).not.toContain('public.probe_searched_case(p text)');
    expect(found).not.toContain('public.probe_case_statement(p text)');
  });

  it('FOR UPDATE over a function-valued filter is found, over a variable it is not', async () => {
    const found = objects(
      await findings(
        'no FOR UPDATE over a function-valued filter',
        `
      ${plpgsql(
        'probe_lock_by_call',
        `perform 1 from public.hpc_evaluation_cycles as c
        where c.institution_id = private.current_institution_id() and c.id = p for update;`,
      )}
      ${plpgsql(
        'probe_lock_by_value',
        `perform 1 from public.hpc_evaluation_cycles as c
        where c.institution_id = v_institution and c.id = p for update;`,
      )}`,
      ),
    );
    expect(found).toContain('public.probe_lock_by_call(p uuid)');
    expect(found).not.toContain('public.probe_lock_by_value(p uuid)');
  });
});
