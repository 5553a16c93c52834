// The newer-shape fixture (our baseline migration, as fixtures/legacy-bigday/ applies it) is built as the fact sheet of the
// real BIG DAY database says (domain/bigday-real-schema.md): its 21 tables, 29 policies, keys
// and indexes, functions, triggers and seeds. With the CLI history option the Supabase CLI's
// table holds BIG DAY's three versions; without it there is none and the schema is the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, withUserAndDatabase } from '../../migrator/db.ts';
import { applyNewerShape } from '../../fixtures/legacy-bigday/generate.ts';
import { legacySchoolId, presets } from '../../fixtures/legacy-bigday/presets.ts';
import { newerShapeMigrations, newerShapeTables } from '../../fixtures/legacy-bigday/shapes.ts';
import { normaliseDump, PG_BIN } from '../../migrator/rollback/dump.ts';
import { applyBootstrap } from '../../stack/bootstrap.ts';
import { run } from '../../stack/shell.ts';
import { foreignKeys, indexes, policies, triggers } from './newer-shape-facts.ts';
import { newerShapeDatabase, tableCounts } from './newer-shape-support.ts';
import type { LegacyDatabase } from './support.ts';

let db: LegacyDatabase;
beforeAll(async () => {
  db = await newerShapeDatabase('test-migration-newer-schema');
});
afterAll(async () => db?.close());

async function publicSchemaDump(url: string): Promise<string> {
  return normaliseDump(await run(`${PG_BIN}/pg_dump`, ['--schema-only', '--no-comments', '--schema=public', '-d', url]));
}

describe('the newer-shape fixture (the real BIG DAY schema)', () => {
  it('has the 21 tables in public, RLS enabled on each and forced on none, and no institutions table', async () => {
    const rows = await db.sql`select relname, relrowsecurity, relforcerowsecurity from pg_class
                              where relnamespace = 'public'::regnamespace and relkind = 'r' order by relname`;
    expect(rows.map((r) => r.relname)).toEqual([...newerShapeTables].sort());
    expect(rows.every((r) => r.relrowsecurity && !r.relforcerowsecurity)).toBe(true);
    const withInstitution = await db.sql`select c.table_name, c.is_nullable from information_schema.columns as c
                                         where c.table_schema = 'public' and c.column_name = 'institution_id' order by 1`;
    expect(withInstitution.map((r) => `${r.table_name} ${r.is_nullable}`)).toEqual([
      'academic_terms NO',
      'allocation_settings NO',
      'cohorts NO',
      'courses NO',
      'slot_templates NO',
    ]);
    const [cols] =
      await db.sql`select count(*)::int as n from information_schema.columns where table_schema = 'public' and table_name = 'user_profiles'`;
    expect(cols!.n).toBe(32);
  });

  it('has the 29 policies with their exact names and commands, all to authenticated, the admin test querying user_profiles', async () => {
    const rows = await db.sql`select tablename, policyname, cmd, roles::text[] as roles, qual, with_check from pg_policies
                              where schemaname = 'public' order by tablename, policyname`;
    const key = (p: [string, string, string]) => p.join(' | ');
    expect(rows.map((r) => key([r.tablename, r.policyname, r.cmd])).sort()).toEqual(policies.map(key).sort());
    expect(rows.every((r) => r.roles.length === 1 && r.roles[0] === 'authenticated')).toBe(true);
    const qual = (name: string) => rows.find((r) => r.policyname === name)!;
    // The self-reference, with auth.uid() called directly (not wrapped in a scalar subselect).
    expect(qual('Admins can manage all user profiles').qual.replace(/\s+/g, ' ')).toContain(
      'FROM user_profiles up WHERE ((up.id = auth.uid())',
    );
    expect(qual('Admins can manage all user profiles').with_check).toBeNull();
    expect(qual('System can insert audit logs').with_check).toBe('true');
    expect(qual('Admins can update settings').with_check).not.toBeNull();
  });

  it('has the keys, foreign keys (with their ON DELETE) and indexes of the fact sheet, under its names', async () => {
    const fks = await db.sql`
      select c.conrelid::regclass::text as tbl, a.attname, c.confrelid::regclass::text as ref, c.confdeltype
      from pg_constraint as c join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`;
    expect(Object.fromEntries(fks.map((f) => [`${f.tbl}.${f.attname}`, `${f.ref} ${f.confdeltype}`]))).toEqual(foreignKeys);
    const names = (await db.sql`select conname from pg_constraint where connamespace = 'public'::regnamespace`).map((r) => r.conname);
    expect(names).toEqual(
      expect.arrayContaining([
        'check_student_fields',
        'fk_user_profiles_group_id',
        'user_profiles_email_key',
        'user_profiles_admission_number_key',
        'user_profiles_employee_id_key',
        'user_profiles_accommodation_type_check',
        'user_permissions_user_id_permission_resource_key',
        'teacher_load_rules_teacher_id_key',
        'slot_template_assignments_check',
        'system_settings_key_key',
        'audit_logs_user_id_fkey',
        'section_students_section_id_student_id_key',
        'section_courses_section_id_course_id_key',
      ]),
    );
    const secondary = await db.sql`select i.indexrelid::regclass::text as name from pg_index as i
                                   join pg_class as t on t.oid = i.indrelid
                                   where t.relnamespace = 'public'::regnamespace
                                     and not exists (select 1 from pg_constraint as c where c.conindid = i.indexrelid)`;
    expect(secondary.map((r) => r.name).sort()).toEqual([...indexes].sort());
    const [search] = await db.sql`select pg_get_indexdef('public.idx_user_profiles_search'::regclass) as def`;
    expect(search!.def).toMatch(/USING gin \(to_tsvector\('english'::regconfig.*contact_number/);
  });

  it('has the three functions (search_users SECURITY DEFINER without search_path) and the 12 triggers', async () => {
    const fns = await db.sql`select proname, prosecdef, proconfig, pg_get_function_arguments(oid) as args,
                                    pg_get_function_result(oid) as result
                             from pg_proc where pronamespace = 'public'::regnamespace order by proname`;
    expect(fns.map((f) => `${f.proname} ${f.prosecdef}`)).toEqual([
      'log_user_changes false',
      'search_users true',
      'update_updated_at_column false',
    ]);
    expect(fns.every((f) => f.proconfig === null)).toBe(true);
    const search = fns.find((f) => f.proname === 'search_users')!;
    expect(search.args).toBe(
      "search_term text DEFAULT ''::text, filter_role text[] DEFAULT NULL::text[], filter_status text[] DEFAULT NULL::text[], " +
        'filter_peer_group text[] DEFAULT NULL::text[], filter_department text[] DEFAULT NULL::text[], limit_count integer DEFAULT 50, ' +
        'offset_count integer DEFAULT 0',
    );
    expect(search.result).toBe(
      'TABLE(id uuid, full_name text, email text, role text, status text, peer_group text, department text, ' +
        'admission_number text, employee_id text, contact_number text, created_at timestamp with time zone, total_count bigint)',
    );
    const rows = await db.sql`select t.tgrelid::regclass::text as tbl, t.tgname, p.proname,
                                     regexp_replace(pg_get_triggerdef(t.oid), '^.* (BEFORE|AFTER) (.*) ON .*$', '\\1 \\2') as timing
                              from pg_trigger as t join pg_proc as p on p.oid = t.tgfoid
                              where not t.tgisinternal and t.tgrelid::regclass::text not like '%.%'`;
    expect(rows.map((r) => `${r.tbl} ${r.tgname} ${r.timing} ${r.proname}`).sort()).toEqual([...triggers].sort());
  });

  it('holds its seeds and a school-shaped population in every table', async () => {
    const counts = await tableCounts(db);
    for (const t of newerShapeTables) expect(counts[`public.${t}`], t).toBeGreaterThan(0);
    expect(db.counts).toEqual(Object.fromEntries(newerShapeTables.map((t) => [t, counts[`public.${t}`]])));
    const p = presets.small;
    const people = p.studentsPerSchool + p.teachersPerSchool + p.adminsPerSchool + p.staffPerSchool;
    expect(counts['public.user_profiles']).toBe(3 * people);
    expect(counts['public.user_groups']).toBe(10);
    expect(counts['public.system_settings']).toBe(3);
    // Every person is an auth user with the same id.
    const [orphans] =
      await db.sql`select count(*)::int as n from public.user_profiles as u where not exists (select 1 from auth.users as a where a.id = u.id)`;
    expect(orphans!.n).toBe(0);
    // The five institution_id columns hold the schools' legacy ids; one allocation_settings row each.
    for (const t of ['academic_terms', 'cohorts', 'courses', 'slot_templates', 'allocation_settings']) {
      const rows = await db.sql.unsafe(`select institution_id::text as id, count(*)::int as n from public.${t} group by 1 order by 1`);
      expect(
        rows.map((r) => r.id),
        t,
      ).toEqual([1, 2, 3].map(legacySchoolId).sort());
      if (t === 'allocation_settings') expect(rows.every((r) => r.n === 1)).toBe(true);
    }
    // Per school one teacher not allocated yet; admins and staff have no class link.
    const [unallocated] = await db.sql`select count(*)::int as n from public.user_profiles as u where u.role = 'teacher'
                                       and not exists (select 1 from public.section_courses as sc where sc.teacher_id = u.id)`;
    expect(unallocated!.n).toBe(3);
    const [linked] = await db.sql`select count(*)::int as n from public.user_profiles as u where u.role in ('admin', 'staff')
      and (exists (select 1 from public.section_students as x where x.student_id = u.id)
           or exists (select 1 from public.section_courses as x where x.teacher_id = u.id))`;
    expect(linked!.n).toBe(0);
    // Teachers teach in their own school (e-mail domain), one published timetable per section.
    const [foreign] = await db.sql`select count(*)::int as n from public.section_courses as sc
      join public.user_profiles as t on t.id = sc.teacher_id join public.section_students as ss on ss.section_id = sc.section_id
      join public.user_profiles as s on s.id = ss.student_id where split_part(t.email, '@', 2) <> split_part(s.email, '@', 2)`;
    expect(foreign!.n).toBe(0);
    const [tt] = await db.sql`select count(*)::int as sections,
      (select count(*)::int from public.timetables where status = 'published') as published,
      (select count(distinct section_id)::int from public.timetables where status = 'published') as sections_published
      from public.sections as s where exists (select 1 from public.section_students as x where x.section_id = s.id)`;
    expect(tt!.published).toBe(tt!.sections);
    expect(tt!.sections_published).toBe(tt!.sections);
    const [conflicts] = await db.sql`select count(*) filter (where section_id is not null and course_id is not null)::int as linked,
      count(*) filter (where section_id is null and course_id is null and teacher_id is not null)::int as teacher_only
      from public.timetable_conflicts`;
    expect(conflicts!.linked).toBeGreaterThan(0);
    expect(conflicts!.teacher_only).toBeGreaterThan(0);
    const [emails] =
      await db.sql`select array_agg(distinct split_part(email, '@', 2) order by split_part(email, '@', 2)) as d from public.user_profiles`;
    expect(emails!.d).toEqual(['school1.example', 'school2.example', 'school3.example']);
  });

  it('with cliHistory, the CLI history holds the three versions as `supabase db push` would; without it there is none, and the load leaves the schema as the fixture makes it', async () => {
    const history = await db.sql`select version, name, statements from supabase_migrations.schema_migrations order by version`;
    expect(history.map((r) => `${r.version}_${r.name}`)).toEqual([
      '20250830114948_mute_bridge',
      '20250831105539_morning_cliff',
      '20251013110434_create_system_settings',
    ]);
    const columns = await db.sql`select column_name, data_type, is_nullable from information_schema.columns
                                 where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' order by ordinal_position`;
    expect(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
      'version text NO',
      'statements ARRAY YES',
      'name text YES',
    ]);
    expect(history.map((r) => r.statements)).toEqual(newerShapeMigrations().map((m) => m.statements));
    expect(history[0]!.statements[0]).toBe('drop table if exists user_profiles cascade');
    expect(history.flatMap((r) => r.statements as string[]).every((s) => !s.trimEnd().endsWith(';'))).toBe(true);
    const policiesPerMigration = history.map((r) => (r.statements as string[]).filter((s) => /^create policy/m.test(s)).length);
    expect(policiesPerMigration).toEqual([10, 16, 3]);

    // A second database of the cluster, bootstrapped the same way: the fixture alone, no history.
    await db.sql`drop database if exists plain`;
    await db.sql`create database plain`;
    await applyBootstrap(db.cluster.settings, 'plain');
    const plainUrl = withUserAndDatabase(db.cluster.url, undefined, 'plain');
    const plain = connect(plainUrl, { max: 1 });
    try {
      await applyNewerShape(plain, false);
      const [schema] = await plain`select count(*)::int as n from pg_namespace where nspname = 'supabase_migrations'`;
      expect(schema!.n).toBe(0);
      expect(await publicSchemaDump(plainUrl)).toEqual(await publicSchemaDump(db.cluster.url));
    } finally {
      await plain.end();
      await db.sql`drop database plain`;
    }
  }, 60_000);
});
