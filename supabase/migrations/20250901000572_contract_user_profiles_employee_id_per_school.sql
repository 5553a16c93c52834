-- Tenancy, contract (see 20250901000400): BIG DAY's unique key over user_profiles (employee_id) becomes one per
-- school, user_profiles_institution_employee_id_key (institution_id, employee_id). Why per school:
-- docs/scale-out.md "Keys". ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.swap_to_tenant_unique_key('user_profiles', array['employee_id'], 'user_profiles_institution_employee_id_key');
