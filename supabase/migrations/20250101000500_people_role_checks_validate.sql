-- Validates the role and identifier checks added NOT VALID in 20250101000400.
-- VALIDATE CONSTRAINT scans user_profiles under SHARE UPDATE EXCLUSIVE only: reads and
-- writes continue meanwhile, hence the generous statement_timeout and a short lock_timeout.
set local lock_timeout = '50ms';
set local statement_timeout = '10min';

alter table public.user_profiles validate constraint user_profiles_role_allowed;
alter table public.user_profiles validate constraint user_profiles_identifier_by_role;
