-- For a test file split into several transactions (on a Citus cluster one transaction may not
-- reach a shard as two database users): pgTAP counts the tests run and failed in a temporary
-- table, which a rollback takes back. A test transaction ends by reading the counts
-- (`:tap_keep \gset`) and sets them again after its rollback (`:tap_restore \gset`). Included
-- once, after `select plan(n)` outside any transaction.
\set tap_keep 'select coalesce(_get(''curr_test''), 0) as tap_run, coalesce(_get(''failed''), 0) as tap_failed'
\set tap_restore 'select _set(''curr_test'', :tap_run) as tap_run, _set(''failed'', :tap_failed) as tap_failed'
