// The evaluations of one range of institutions: for every student, parameter of their stage,
// cycle and rater role (teacher, self, peer: the next classmate, parent: their guardian), a
// row drawn at the role's entry rate, the rates scaled so the total lands on the preset's
// evaluation count; levels skew by school and by student.
import type { Preset } from './presets.ts';

/** Expected rows per student over both cycles at rate 1.0 (see RATES), used to scale. */
const PARAMETERS_PER_STAGE = 12;
const RATES = {
  // cycle 1 (closed): teacher, self, peer, parent; cycle 2 (open)
  c1: { teacher: 0.98, self: 0.92, peer: 0.35, parent: 0.35 },
  c2: { teacher: 0.55, self: 0.25, peer: 0.05, parent: 0.05 },
};
const ROWS_PER_STUDENT =
  PARAMETERS_PER_STAGE * (Object.values(RATES.c1).reduce((a, b) => a + b) + Object.values(RATES.c2).reduce((a, b) => a + b));

/** The insert of the evaluations of institutions lo to hi (numbers), for the preset. */
export function evaluationsSql(preset: Preset, lo: number, hi: number): string {
  const scale = Math.min(1, preset.evaluations / (preset.students * ROWS_PER_STUDENT));
  const rate = (c: 'c1' | 'c2', role: keyof typeof RATES.c1) => Math.round(Math.min(1, RATES[c][role] * scale) * 1000);
  const roleCase = (c: 'c1' | 'c2') =>
    `case r.role when 'teacher' then ${rate(c, 'teacher')} when 'self' then ${rate(c, 'self')} when 'peer' then ${rate(c, 'peer')} else ${rate(c, 'parent')} end`;
  return `
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
}
