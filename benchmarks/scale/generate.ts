// HPC data at a chosen size, set-based (generate_series, INSERT … SELECT), for benchmarks and
// tests. Presets:
//   small   5 institutions,     600 students,      24,000 evaluations   (tests, seconds)
//   medium  100 institutions,   25,000 students,   1,000,000 evaluations
//   large   1,000 institutions, 250,000 students,  10,000,000 evaluations
// Skew: institution sizes follow a power law (weight i^-0.7): with the large preset the
// biggest school has ~10,000 students, the median ~150, the smallest ~80 — a few large
// schools, many small ones. Sections of 40 spread over grades 1–12 (four PARAKH stages);
// each stage has 4 areas × 3 abilities = 12 parameters and a 3-level scale; two cycles per
// institution (term 1 closed and fully entered, term 2 open and partly entered); a student's
// rows come from teacher, self, peer (the next classmate) and parent (their guardian) with
// per-role entry rates scaled so the total lands on the preset's evaluation count.
//
// Every id is deterministic (kind, institution number, serial), so reruns produce the same
// data and benchmark queries can name rows. Runs as the superuser with
// session_replication_role = replica: row triggers (authorship, audit, level derivation)
// and foreign-key triggers are skipped during the load — the generator writes exactly the
// values they would (rubric_id and level_ordinal filled, submitted_at set). Existing scale
// rows (institutions with slug scale-<n>) are not touched: generate into an empty database, or `--reset`.
//
//   npx tsx benchmarks/scale/generate.ts --preset large [--db-url …] [--reset]
import postgres from 'postgres';
import { performance } from 'node:perf_hooks';

export interface Preset {
  institutions: number;
  students: number;
  evaluations: number;
}

export const PRESETS: Record<string, Preset> = {
  small: { institutions: 5, students: 600, evaluations: 24_000 },
  medium: { institutions: 100, students: 25_000, evaluations: 1_000_000 },
  large: { institutions: 1_000, students: 250_000, evaluations: 10_000_000 },
};

/** Expected rows per student over both cycles at rate 1.0 (see RATES), used to scale. */
const PARAMETERS_PER_STAGE = 12;
const RATES = {
  // cycle 1 (closed): teacher, self, peer, parent; cycle 2 (open)
  c1: { teacher: 0.98, self: 0.92, peer: 0.35, parent: 0.35 },
  c2: { teacher: 0.55, self: 0.25, peer: 0.05, parent: 0.05 },
};
const ROWS_PER_STUDENT =
  PARAMETERS_PER_STAGE * (Object.values(RATES.c1).reduce((a, b) => a + b) + Object.values(RATES.c2).reduce((a, b) => a + b));

export interface GenerateOptions {
  /** Connections for the evaluation load (2 on a 2-core machine). */
  parallel?: number;
  log?: (line: string) => void;
  /** Delete earlier scale rows first. */
  reset?: boolean;
  /** Only (re)write the cycle-1 cards (hpc_reports) of data generated earlier. */
  reportsOnly?: boolean;
}

export interface GenerateResult {
  preset: Preset;
  counts: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
}

/** The generator's institutions (slug scale-<n>); other data (the demo seed) is never touched. */
const SCALE_INSTITUTIONS = `select x.id from public.institutions as x where x.slug like 'scale-%'`;

/** The tables the generator fills, children first (for --reset). */
const TABLES = [
  'hpc_analytics',
  'hpc_reports',
  'hpc_evaluations',
  'hpc_parameter_assignments',
  'hpc_evaluation_cycles',
  'hpc_rubrics',
  'hpc_parameters',
  'student_guardians',
  'staff_duties',
  'section_students',
  'sections',
  'cohorts',
  'academic_terms',
  'user_profiles',
  'institution_feature_flags',
  'institutions',
];

/** `sql` must connect as the superuser (session_replication_role). */
export async function generate(url: string, preset: Preset, options: GenerateOptions = {}): Promise<GenerateResult> {
  const log = options.log ?? (() => {});
  const parallel = Math.max(1, options.parallel ?? 2);
  const scale = Math.min(1, preset.evaluations / (preset.students * ROWS_PER_STUDENT));
  const seconds: Record<string, number> = {};
  const t0 = performance.now();
  const connect = () =>
    postgres(url, {
      max: 1,
      onnotice: () => {},
      connection: { session_replication_role: 'replica', statement_timeout: 0, work_mem: '256MB', synchronous_commit: 'off' },
    });
  const sql = connect();
  const step = async (name: string, text: string) => {
    const t = performance.now();
    // With reportsOnly, only the scale_gen helper tables of a step are rebuilt (everything
    // before its first insert).
    await sql.unsafe(options.reportsOnly && text.includes('insert into public') ? text.slice(0, text.indexOf('insert into public')) : text);
    seconds[name] = (seconds[name] ?? 0) + (performance.now() - t) / 1000;
    log(`  ${name.padEnd(28)} ${(seconds[name] ?? 0).toFixed(1)} s`);
  };
  try {
    await sql.unsafe(`
      create schema if not exists scale_gen;
      revoke all on schema scale_gen from public;
      -- kind (2 hex) | institution number (6 hex) - 0000-4000-8000 - serial (12 hex)
      create or replace function scale_gen.sid(k integer, a bigint, b bigint) returns uuid
      language sql immutable parallel safe set search_path = '' as $$
        select (lpad(to_hex(k), 2, '0') || lpad(to_hex(a), 6, '0') || '-0000-4000-8000-' || lpad(to_hex(b), 12, '0'))::uuid
      $$;
      -- a deterministic draw in [0, 1000)
      create or replace function scale_gen.draw(a bigint, b bigint, c bigint, d bigint) returns integer
      language sql immutable parallel safe set search_path = '' as $$
        select (abs(pg_catalog.hashint8(((a * 1000003 + b) * 1009 + c) * 31 + d)) % 1000)::integer
      $$;
    `);
    if (options.reset && !options.reportsOnly) {
      for (const table of TABLES) {
        await step(
          `reset ${table}`,
          `delete from public.${table} where ${table === 'institutions' ? 'id' : 'institution_id'} in (${SCALE_INSTITUTIONS})`,
        );
      }
    }

    // Institutions and their sizes: weight i^-0.7, at least 30 students, the rounding
    // remainder goes to the largest so the total is exact.
    await step(
      'institutions',
      `
      drop table if exists scale_gen.inst;
      create unlogged table scale_gen.inst as
      with w as (
        select i, power(i, -0.7) as w from generate_series(1, ${preset.institutions}) as i
      ), s as (
        select i, greatest(30, round(${preset.students} * w / sum(w) over ())::integer) as students from w
      )
      select i, scale_gen.sid(16, i, 0) as id,
             students + case when i = 1 then ${preset.students} - sum(students) over () else 0 end as students
      from s;
      alter table scale_gen.inst add primary key (i);
      alter table scale_gen.inst add column sections integer;
      update scale_gen.inst set sections = ceil(students / 40.0)::integer;
      insert into public.institutions (id, name, slug)
      select id, 'Scale School ' || i, 'scale-' || i from scale_gen.inst;
      insert into public.institution_feature_flags (institution_id, feature, enabled, pilot_cohort)
      select id, 'hpc', true, 'scale' from scale_gen.inst;
      insert into public.academic_terms (id, institution_id, name, start_date, end_date)
      select scale_gen.sid(17, i, t), id, '2026-27 Term ' || t,
             case t when 1 then date '2026-04-01' else date '2026-10-01' end,
             case t when 1 then date '2026-09-30' else date '2027-03-31' end
      from scale_gen.inst cross join generate_series(1, 2) as t;
    `,
    );

    // Sections (40 students each, the last one smaller but never below 2), spread over
    // grades 1–12; one cohort per grade present.
    await step(
      'sections',
      `
      drop table if exists scale_gen.sec;
      create unlogged table scale_gen.sec as
      select n.i, k, n.id as institution_id,
             1 + (k * 12 / n.sections) as grade,
             case when 1 + (k * 12 / n.sections) <= 2 then 0 when 1 + (k * 12 / n.sections) <= 5 then 1
                  when 1 + (k * 12 / n.sections) <= 8 then 2 else 3 end as stage_no,
             k * 40 as first_student,
             least(40, n.students - k * 40) as size
      from scale_gen.inst as n cross join lateral generate_series(0, n.sections - 1) as k;
      alter table scale_gen.sec add primary key (i, k);
      insert into public.cohorts (id, institution_id, academic_term_id, grade, stream)
      select distinct scale_gen.sid(18, i, grade), institution_id, scale_gen.sid(17, i, 1), grade::text,
             case when grade > 10 then 'Science' else 'General' end
      from scale_gen.sec;
      insert into public.sections (id, institution_id, cohort_id, name)
      select scale_gen.sid(19, i, k), institution_id, scale_gen.sid(18, i, grade),
             grade || '-' || chr(65 + (k % 26)) || (k / 26)
      from scale_gen.sec;
    `,
    );

    // People: students, one guardian each, a class teacher per section, a principal (BIG DAY
    // role admin) and a coordinator per institution.
    await step(
      'people',
      `
      drop table if exists scale_gen.stu;
      create unlogged table scale_gen.stu as
      select s.i, s.k, s.institution_id, s.stage_no, s.grade, s.first_student + p as j, p as pos, s.size
      from scale_gen.sec as s cross join lateral generate_series(0, s.size - 1) as p;
      alter table scale_gen.stu add primary key (i, j);
      insert into public.user_profiles (id, institution_id, full_name, email, role, admission_number, current_standard, status)
      select scale_gen.sid(32, i, j), institution_id, 'Student ' || i || '-' || j, 's' || j || '.i' || i || '@scale.example',
             'student', 'S' || i || '-' || j, grade::text, 'active'
      from scale_gen.stu;
      insert into public.user_profiles (id, institution_id, full_name, email, role, status)
      select scale_gen.sid(33, i, j), institution_id, 'Parent ' || i || '-' || j, 'p' || j || '.i' || i || '@scale.example',
             'parent', 'active'
      from scale_gen.stu;
      insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id, status)
      select scale_gen.sid(34, i, k), institution_id, 'Teacher ' || i || '-' || k, 't' || k || '.i' || i || '@scale.example',
             'teacher', 'T' || i || '-' || k, 'active'
      from scale_gen.sec;
      insert into public.user_profiles (id, institution_id, full_name, email, role, employee_id, status)
      select scale_gen.sid(35, i, r), id, case r when 0 then 'Principal ' else 'Coordinator ' end || i,
             case r when 0 then 'principal' else 'coordinator' end || '.i' || i || '@scale.example',
             case r when 0 then 'admin' else 'teacher' end, 'M' || i || '-' || r, 'active'
      from scale_gen.inst cross join generate_series(0, 1) as r;
      insert into public.section_students (id, institution_id, section_id, student_id)
      select scale_gen.sid(20, i, j), institution_id, scale_gen.sid(19, i, k), scale_gen.sid(32, i, j) from scale_gen.stu;
      insert into public.student_guardians (institution_id, student_id, guardian_id, relationship, is_primary)
      select institution_id, scale_gen.sid(32, i, j), scale_gen.sid(33, i, j),
             case j % 2 when 0 then 'mother' else 'father' end, true
      from scale_gen.stu;
      insert into public.staff_duties (id, institution_id, user_id, duty, section_id)
      select scale_gen.sid(36, i, k), institution_id, scale_gen.sid(34, i, k), 'class_teacher', scale_gen.sid(19, i, k)
      from scale_gen.sec;
      insert into public.staff_duties (id, institution_id, user_id, duty)
      select scale_gen.sid(37, i, r), id, scale_gen.sid(35, i, r), case r when 0 then 'principal' else 'coordinator' end
      from scale_gen.inst cross join generate_series(0, 1) as r;
    `,
    );

    // PARAKH content per institution: 4 stages × 4 areas × 3 abilities, a 3-level scale per
    // stage (Middle: the self grid's statements ranges), two cycles.
    await step(
      'parameters and cycles',
      `
      drop table if exists scale_gen.par;
      create unlogged table scale_gen.par as
      select st.stage_no, st.stage, st.grades, a.area_no, a.area_code, a.area, b.ability_no, b.ability,
             st.stage_no * 12 + a.area_no * 3 + b.ability_no as param_no
      from (values (0, 'foundational', array['1','2']), (1, 'preparatory', array['3','4','5']),
                   (2, 'middle', array['6','7','8']), (3, 'secondary', array['9','10','11','12']))
             as st (stage_no, stage, grades)
      cross join lateral (
        select area_no - 1 as area_no, area_code, area
        from unnest(case st.stage_no
               when 0 then array['PHY', 'SEE', 'COG', 'LAN']
               when 1 then array['LR1', 'MAT', 'TWA', 'ART']
               when 2 then array['LR1', 'MAT', 'SCI', 'SST']
               else array['LR1', 'MAT', 'SCI', 'SKL'] end,
             case st.stage_no
               when 0 then array['Physical Development', 'Socio-emotional and Ethical', 'Cognitive', 'Language and Literacy']
               when 1 then array['Language R1', 'Mathematics', 'The World Around Us', 'Art Education']
               when 2 then array['Language R1', 'Mathematics', 'Science', 'Social Science']
               else array['Language R1', 'Mathematics', 'Science', 'Skill Education'] end)
             with ordinality as x (area_code, area, area_no)
      ) as a
      cross join (values (0, 'awareness'), (1, 'sensitivity'), (2, 'creativity')) as b (ability_no, ability);
      insert into public.hpc_parameters (id, institution_id, stage, grade_band, grades, area, area_code, ability, code, name, scale_code, sort_order)
      select scale_gen.sid(48, n.i, p.param_no), n.id, p.stage, p.grades[1] || '-' || p.grades[cardinality(p.grades)], p.grades,
             p.area, p.area_code, p.ability, upper(left(p.stage, 3)) || '-' || p.area_code || '-' || upper(left(p.ability, 3)),
             p.area || ': ' || p.ability, p.stage || '-3', p.param_no
      from scale_gen.inst as n cross join scale_gen.par as p;
      insert into public.hpc_rubrics (id, institution_id, stage, scale_code, ordinal, label, icon, self_statements_min, self_statements_max)
      select scale_gen.sid(49, n.i, st.stage_no * 10 + o), n.id, st.stage, st.stage || '-3', o,
             case when st.stage_no = 0 then (array['Beginner', 'Progressing', 'Proficient'])[o]
                  else (array['Beginner', 'Proficient', 'Advanced'])[o] end,
             (array['stream', 'mountain', 'sky'])[o],
             case when st.stage_no = 2 then (array[0, 3, 5])[o] end,
             case when st.stage_no = 2 then (array[2, 4, 6])[o] end
      from scale_gen.inst as n
      cross join (values (0, 'foundational'), (1, 'preparatory'), (2, 'middle'), (3, 'secondary')) as st (stage_no, stage)
      cross join generate_series(1, 3) as o;
      insert into public.hpc_evaluation_cycles (id, institution_id, academic_term_id, name, term_number, opens_on, closes_on, status)
      select scale_gen.sid(50, i, c), id, scale_gen.sid(17, i, c), 'Term ' || c, c,
             case c when 1 then date '2026-08-01' else date '2027-02-01' end,
             case c when 1 then date '2026-09-15' else date '2027-03-15' end,
             case c when 1 then 'closed' else 'open' end
      from scale_gen.inst cross join generate_series(1, 2) as c;
      insert into public.hpc_parameter_assignments (id, institution_id, cycle_id, parameter_id, section_id, teacher_id)
      select scale_gen.sid(51, s.i, (s.k * 2 + c) * 100 + p.param_no), s.institution_id, scale_gen.sid(50, s.i, c),
             scale_gen.sid(48, s.i, p.param_no), scale_gen.sid(19, s.i, s.k), scale_gen.sid(34, s.i, s.k)
      from scale_gen.sec as s
      join scale_gen.par as p on p.stage_no = s.stage_no
      cross join generate_series(1, 2) as c;
    `,
    );

    // Evaluations, in institution ranges of about equal student counts, \`parallel\` at a time.
    const rate = (c: 'c1' | 'c2', role: keyof typeof RATES.c1) => Math.round(Math.min(1, RATES[c][role] * scale) * 1000);
    const roleCase = (c: 'c1' | 'c2') =>
      `case r.role when 'teacher' then ${rate(c, 'teacher')} when 'self' then ${rate(c, 'self')} when 'peer' then ${rate(c, 'peer')} else ${rate(c, 'parent')} end`;
    const chunks = Math.max(1, Math.min(preset.institutions, parallel * 8));
    const ranges = await sql<{ lo: number; hi: number }[]>`
      select min(i)::integer as lo, max(i)::integer as hi
      from (select i, ntile(${chunks}) over (order by i) as t
            from scale_gen.inst, generate_series(1, 1) as g) as x
      group by t order by lo`;
    // Big schools first: ntile by institution number puts the biggest in the first ranges;
    // split by cumulative students instead so each chunk is similar work.
    const balanced = await sql<{ lo: number; hi: number }[]>`
      select min(i)::integer as lo, max(i)::integer as hi
      from (select i, least(${chunks} - 1, floor((sum(students) over (order by i) - students) * ${chunks}::numeric / sum(students) over ()))::integer as t
            from scale_gen.inst) as x
      group by t order by lo`;
    const work = balanced.length > 0 ? balanced : ranges;
    const evalSql = (lo: number, hi: number) => `
      insert into public.hpc_evaluations (id, institution_id, cycle_id, student_id, parameter_id, assignment_id, rater_role, rater_id,
                                          rubric_id, level_ordinal, statements_circled, status, submitted_at, created_at, updated_at)
      select scale_gen.sid(64, s.i, ((s.j * 2 + c) * 12 + p.ability_no + p.area_no * 3) * 4 + r.role_no),
             s.institution_id, scale_gen.sid(50, s.i, c), scale_gen.sid(32, s.i, s.j), scale_gen.sid(48, s.i, p.param_no),
             scale_gen.sid(51, s.i, (s.k * 2 + c) * 100 + p.param_no), r.role,
             case r.role when 'teacher' then scale_gen.sid(34, s.i, s.k)
                         when 'self' then scale_gen.sid(32, s.i, s.j)
                         when 'peer' then scale_gen.sid(32, s.i, s.k * 40 + (s.pos + 1) % s.size)
                         else scale_gen.sid(33, s.i, s.j) end,
             scale_gen.sid(49, s.i, s.stage_no * 10 + lv.level), lv.level,
             case when r.role = 'self' and s.stage_no = 2 then (array[1, 4, 6])[lv.level] end,
             case when c = 1 or scale_gen.draw(s.i, s.j, p.param_no, 7) < 850 then 'submitted' else 'draft' end,
             case when c = 1 then timestamptz '2026-09-10' when scale_gen.draw(s.i, s.j, p.param_no, 7) < 850 then timestamptz '2027-02-20' end,
             case c when 1 then timestamptz '2026-09-01' else timestamptz '2027-02-15' end,
             case c when 1 then timestamptz '2026-09-10' else timestamptz '2027-02-20' end
      from scale_gen.stu as s
      join scale_gen.par as p on p.stage_no = s.stage_no
      cross join generate_series(1, 2) as c
      cross join (values (0, 'teacher'), (1, 'self'), (2, 'peer'), (3, 'parent')) as r (role_no, role)
      -- levels skew by school (some schools stronger) and by student
      cross join lateral (
        select case when d < 300 - (s.i % 5) * 40 then 1 when d < 780 - (s.i % 5) * 30 then 2 else 3 end as level
        from (select (scale_gen.draw(s.i, s.j, p.param_no, c * 4 + r.role_no) + scale_gen.draw(s.i, s.j, 0, 0)) / 2 as d) as dd
      ) as lv
      where s.i between ${lo} and ${hi}
        and (r.role <> 'peer' or s.size > 1)
        and scale_gen.draw(s.i, s.j, p.param_no * 2 + c, r.role_no + 11)
            < case c when 1 then ${roleCase('c1')} else ${roleCase('c2')} end`;
    const inParallel = async (label: string, sqlFor: (lo: number, hi: number) => string) => {
      const te = performance.now();
      const queue = [...work];
      let done = 0;
      const workers = Array.from({ length: Math.min(parallel, queue.length) }, async () => {
        const conn = connect();
        try {
          for (let range = queue.shift(); range; range = queue.shift()) {
            await conn.unsafe(sqlFor(range.lo, range.hi));
            done += 1;
            log(
              `  ${label} ${String(done).padStart(3)}/${work.length} (institutions ${range.lo}–${range.hi}) ${((performance.now() - te) / 1000).toFixed(0)} s`,
            );
          }
        } finally {
          await conn.end();
        }
      });
      await Promise.all(workers);
      seconds[label] = (performance.now() - te) / 1000;
    };
    if (!options.reportsOnly) await inParallel('evaluations', evalSql);

    // Term 1 cards: one published report per student (what a parent opens), content shaped
    // like the compiled card (Part B levels per parameter and rater role), ~2 KB each.
    const reportSql = (lo: number, hi: number) => `
      delete from public.hpc_reports as r using scale_gen.inst as n
      where n.i between ${lo} and ${hi} and r.institution_id = n.id;
      insert into public.hpc_reports (id, institution_id, cycle_id, student_id, version, status, is_current, content, content_hash,
                                      language, release_at, published_at, published_by, created_at, updated_at)
      select scale_gen.sid(65, s.i, s.j), s.institution_id, scale_gen.sid(50, s.i, 1), scale_gen.sid(32, s.i, s.j), 1, 'published', true,
             c.content, encode(sha256(convert_to(c.content::text, 'UTF8')), 'hex'), 'en',
             timestamptz '2026-10-15 10:30Z', timestamptz '2026-10-15 10:30Z', scale_gen.sid(35, s.i, 0),
             timestamptz '2026-10-01', timestamptz '2026-10-15 10:30Z'
      from scale_gen.stu as s
      cross join lateral (
        select jsonb_build_object(
          'schema', 'hpc-card/1',
          'student', jsonb_build_object('id', scale_gen.sid(32, s.i, s.j), 'name', 'Student ' || s.i || '-' || s.j, 'grade', s.grade::text),
          'cycle', jsonb_build_object('id', scale_gen.sid(50, s.i, 1), 'name', 'Term 1'),
          'part_b', (select jsonb_agg(jsonb_build_object(
                              'code', upper(left(p.stage, 3)) || '-' || p.area_code || '-' || upper(left(p.ability, 3)),
                              'area', p.area, 'ability', p.ability,
                              'levels', jsonb_build_object('teacher', 1 + scale_gen.draw(s.i, s.j, p.param_no, 4) % 3,
                                                           'self', 1 + scale_gen.draw(s.i, s.j, p.param_no, 5) % 3))
                            order by p.param_no)
                     from scale_gen.par as p where p.stage_no = s.stage_no),
          'teacher_summary', 'Student ' || s.i || '-' || s.j || ' has settled well this term and takes part eagerly in group activities.'
        ) as content
      ) as c
      where s.i between ${lo} and ${hi}`;
    await inParallel('reports', reportSql);

    if (!options.reportsOnly) await step('vacuum analyze', 'vacuum (analyze) public.hpc_evaluations');
    await step('vacuum analyze reports', 'vacuum (analyze) public.hpc_reports');
    await step(
      'analyze',
      `
      analyze public.institutions, public.institution_feature_flags, public.academic_terms, public.cohorts,
        public.sections, public.user_profiles, public.section_students, public.student_guardians,
        public.staff_duties, public.hpc_parameters, public.hpc_rubrics, public.hpc_evaluation_cycles,
        public.hpc_parameter_assignments;
    `,
    );
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await sql.unsafe<{ n: number }[]>(
        `select count(*)::bigint as n from public.${table} where ${table === 'institutions' ? 'id' : 'institution_id'} in (${SCALE_INSTITUTIONS})`,
      );
      counts[table] = Number(row?.n ?? 0);
    }
    await sql.unsafe('drop schema scale_gen cascade');
    return { preset, counts, seconds, totalSeconds: (performance.now() - t0) / 1000 };
  } finally {
    await sql.end();
  }
}

/** Deletes every row of the generator's institutions (slug scale-<n>), triggers off. */
export async function removeScaleData(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { session_replication_role: 'replica', statement_timeout: 0 } });
  try {
    for (const table of TABLES) {
      await sql.unsafe(
        `delete from public.${table} where ${table === 'institutions' ? 'id' : 'institution_id'} in (${SCALE_INSTITUTIONS})`,
      );
    }
  } finally {
    await sql.end();
  }
}

/** The numbered entities the benchmark names: institution i's k-th section, j-th student… */
export function scaleId(
  kind: 'institution' | 'section' | 'student' | 'parent' | 'teacher' | 'principal' | 'coordinator' | 'cycle',
  institution: number,
  serial = 0,
): string {
  const code = { institution: 16, section: 19, student: 32, parent: 33, teacher: 34, principal: 35, coordinator: 35, cycle: 50 }[kind];
  const b = kind === 'coordinator' ? 1 : serial;
  return `${code.toString(16).padStart(2, '0')}${institution.toString(16).padStart(6, '0')}-0000-4000-8000-${b.toString(16).padStart(12, '0')}`;
}

async function main() {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      'db-url': { type: 'string' },
      parallel: { type: 'string', default: '2' },
      reset: { type: 'boolean', default: false },
      'reports-only': { type: 'boolean', default: false },
    },
  });
  const preset = PRESETS[values.preset ?? 'small'];
  if (!preset) throw new Error(`unknown preset ${values.preset}; one of ${Object.keys(PRESETS).join(', ')}`);
  const url = values['db-url'] ?? 'postgresql://supabase_admin:postgres@127.0.0.1:54382/postgres';
  console.log(`Generating preset ${values.preset}: ${JSON.stringify(preset)}`);
  const result = await generate(url, preset, {
    parallel: Number(values.parallel),
    reset: values.reset,
    reportsOnly: values['reports-only'],
    log: console.log,
  });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
