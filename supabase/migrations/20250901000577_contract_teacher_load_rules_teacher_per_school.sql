-- Tenancy, contract (see 20250901000400): BIG DAY's unique key over teacher_load_rules (teacher_id) becomes one per
-- school, teacher_load_rules_institution_teacher_key (institution_id, teacher_id). Why per school:
-- docs/scale-out.md "Keys". ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.swap_to_tenant_unique_key('teacher_load_rules', array['teacher_id'], 'teacher_load_rules_institution_teacher_key');
