-- Drops BIG DAY's old role and identifier checks, now superseded by the validated
-- user_profiles_role_allowed and user_profiles_identifier_by_role (which admit parents).
-- Dropping a check is a catalog change (brief ACCESS EXCLUSIVE, no scan).
set local lock_timeout = '50ms';
set local statement_timeout = '30s';

alter table public.user_profiles drop constraint if exists user_profiles_role_check;
alter table public.user_profiles drop constraint if exists user_profiles_identifier_check;
