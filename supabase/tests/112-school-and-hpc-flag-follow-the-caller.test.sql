-- The tenancy helpers: current_institution_id() is the caller's school (none for anon),
-- the HPC flag is read per institution, and switching it takes effect at once, recording who.
begin;
\ir support/tests-schema.sql
select plan(8);

select tests.set_claims_of('00000000-0000-4000-a000-000000000013');
select is(private.current_institution_id(), '10000000-0000-4000-8000-000000000002'::uuid,
  'current_institution_id() is the signed-in user''s institution');
select tests.set_claims_of('00000000-0000-4000-a000-000000000023');
select is(private.current_institution_id(), '10000000-0000-4000-8000-000000000003'::uuid,
  'current_institution_id() follows the caller');
select tests.set_anon_claims();
select is(private.current_institution_id(), null, 'current_institution_id() is null for an anonymous caller');

select ok(private.hpc_enabled('10000000-0000-4000-8000-000000000001'), 'HPC is on for Vidya Niketan');
select ok(not private.hpc_enabled('10000000-0000-4000-8000-000000000003'), 'HPC is off for Greenfield');
select ok(not private.hpc_enabled('10000000-0000-4000-8000-0000000000ff'), 'HPC is off for an institution without a flag row');

select tests.set_claims_of('00000000-0000-4000-a000-000000000021');
update public.institution_feature_flags set enabled = true
where institution_id = '10000000-0000-4000-8000-000000000003' and feature = 'hpc';
select ok(private.hpc_enabled('10000000-0000-4000-8000-000000000003'), 'switching the flag on takes effect at once');
-- Read apart from the assertion: a statement that reads one school's rows goes whole to that
-- school's shard on Citus, is() with it.
select changed_by from public.institution_feature_flags
where institution_id = '10000000-0000-4000-8000-000000000003' and feature = 'hpc' \gset
select is(:'changed_by'::uuid, '00000000-0000-4000-a000-000000000021'::uuid, 'the flag records who changed it');

select * from finish();
rollback;
