-- Tenancy, contract (see 20250901000400): BIG DAY's unique key over user_profiles (admission_number) becomes one per
-- school, user_profiles_institution_admission_number_key (institution_id, admission_number). Why per school:
-- docs/scale-out.md "Keys". ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.swap_to_tenant_unique_key('user_profiles', array['admission_number'], 'user_profiles_institution_admission_number_key');
