-- A caller with only the anon key reaches nothing in public: no grant on any table, so every
-- read is refused rather than filtered.
begin;
\ir support/tests-schema.sql
select plan(4);

select tests.authenticate_as_anon();
select throws_ok('select count(*) from public.hpc_reports', '42501', null, 'anon cannot read reports');
select throws_ok('select count(*) from public.user_profiles', '42501', null, 'anon cannot read profiles');
select throws_ok('select count(*) from public.audit_events', '42501', null, 'anon cannot read the audit log');
select tests.clear_authentication();
select is(
  (select count(*)::int from information_schema.role_table_grants
   where grantee = 'anon' and table_schema = 'public' and privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE')),
  0, 'anon holds no table privilege at all in public');

select * from finish();
rollback;
