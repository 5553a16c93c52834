-- Tenancy, contract (see 20250901000400): BIG DAY's unique key over teacher_grade_eligibility (teacher_id, grade) becomes one per
-- school, teacher_grade_eligibility_institution_teacher_grade_key (institution_id, teacher_id, grade). Why per school:
-- docs/scale-out.md "Keys". ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.swap_to_tenant_unique_key('teacher_grade_eligibility', array['teacher_id', 'grade'], 'teacher_grade_eligibility_institution_teacher_grade_key');
