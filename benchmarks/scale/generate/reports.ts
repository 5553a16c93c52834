// Term 1 cards: one published report per student (what a parent opens), content shaped like
// the compiled card (Part B levels per parameter and rater role), ~2 KB each.

/** Replaces the cards of institutions lo to hi (numbers). */
export function reportsSql(lo: number, hi: number): string {
  return `
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
}
