-- Tenancy, contract: BIG DAY's tables stop registering unknown school ids on the fly.
--
-- During the expand phase a trigger on the five tables whose institution_id predates the HPC
-- (private.register_unknown_institution, 20250101000100) registers an institution_id with no
-- institutions row instead of letting its new foreign key refuse the write: BIG DAY's
-- application still wrote such values then. Once the contract runs, the application that
-- knows institutions is in place and every row's school is registered and its key validated,
-- so the bridge goes: an unknown school id is refused by the key (23503), as on every column
-- the HPC added. On a Citus cluster the bridge could not run anyway: it writes the reference
-- table institutions from a shard (docs/scale-out.md §5).
--
-- One table per file (20250901000630..634): DROP TRIGGER takes ACCESS EXCLUSIVE on its table
-- until the commit right after; the function goes with the last. Skipped where the database
-- lacks the table or the trigger.
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

do $$
begin
  if to_regclass('public.academic_terms') is not null then
    drop trigger if exists register_unknown_institution on public.academic_terms;
  end if;
end
$$;
