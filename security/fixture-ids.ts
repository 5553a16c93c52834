// Fixed ids of the isolation fixture (security/isolation-fixture.sql). Two mirror
// institutions A and B (HPC on) and C (HPC off); every person and row of A has a twin in B
// whose id differs only in its first hex digit ('a' / 'b' / 'c').
export type Side = 'a' | 'b' | 'c';

const NAMES = [
  'institution',
  'admin',
  'principal',
  'coordinator',
  'teacher',
  'teacher2',
  'student',
  'classmate',
  'other',
  'parent',
  'parent2',
  'term',
  'course',
  'cohort',
  'section1',
  'section2',
  'cycle_open',
  'cycle_released',
  'cycle_planned',
  'param',
  'param2',
  'param_spare',
  'rubric1',
  'rubric2',
  'rubric3',
  'rubric_spare',
  'assign1',
  'assign2',
  'assign_p2',
  'assign_peer',
  'assign_released',
  'assign_spare',
  'eval_teacher',
  'eval_self',
  'eval_peer',
  'eval_parent',
  'eval_teacher2',
  'eval_released_teacher',
  'eval_released_self',
  'eval_teacher_draft',
  'report_draft',
  'report_published',
  'report_other_draft',
  'report_other_published',
  'chain1',
  'chain2',
  'step1',
  'analytics_s1',
  'analytics_s2',
  'analytics_inst',
  'achievement',
  'achievement_other',
  'reflection_self',
  'reflection_parent',
  'reflection_other',
  'conversation',
  'conversation_other',
  'duty_spare',
  'person_spare',
  'term_spare',
  'course_spare',
  'cohort_spare',
  'section_spare',
  'narrative',
  'job_teacher',
  'job_coordinator',
  'account_new',
  'user_group',
  'system_report',
  'slot_template',
  'timetable',
  'share_link',
  'share_link_other',
  'share_open',
  'share_open_other',
  'phrase',
  'phrase_spare',
] as const;
export type FixtureName = (typeof NAMES)[number];

/** a0000000-0000-4000-8000-0000000000NN (NN = position in NAMES), with the side's digit first. */
export function fixtureId(side: Side, name: FixtureName): string {
  const n = NAMES.indexOf(name) + 1;
  return `${side}0000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}

/** Replaces {name} placeholders with the side's fixture ids, {side} with the side's letter
 * ({me} and other unknown names are left to the caller). */
export function withIds(sql: string, side: Side): string {
  return sql.replace(/\{([a-z0-9_]+)\}/g, (whole, name: string) => {
    if (name === 'side') return side;
    return (NAMES as readonly string[]).includes(name) ? `'${fixtureId(side, name as FixtureName)}'` : whole;
  });
}
