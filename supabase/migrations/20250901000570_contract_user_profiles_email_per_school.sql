-- Tenancy, contract (see 20250901000400): BIG DAY's unique key over user_profiles (email) becomes one per
-- school, user_profiles_institution_email_key (institution_id, email). Why per school:
-- docs/scale-out.md "Keys". ACCESS EXCLUSIVE on this table only, until this file commits.
set local lock_timeout = '50ms';
set local statement_timeout = '5min';

select private.swap_to_tenant_unique_key('user_profiles', array['email'], 'user_profiles_institution_email_key');
