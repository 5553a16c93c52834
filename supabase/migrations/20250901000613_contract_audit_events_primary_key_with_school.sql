-- Audit log, contract (see 20250901000610): the primary key becomes (institution_id,
-- occurred_at, id). occurred_at stays in it (a partitioned table's keys include its partition
-- column), and the school leads, as in every tenant table's key. The validated check lets SET
-- NOT NULL skip its scan; the new key takes each partition's unique key of 20250901000612
-- instead of building one, and partitions made later get it from the parent. Catalog work
-- only, under ACCESS EXCLUSIVE on audit_events and its partitions until the commit right
-- after (audited writes and reads of the log wait for it).
set local lock_timeout = '50ms';
set local statement_timeout = '1min';

-- squawk reads SET NOT NULL as a full scan under ACCESS EXCLUSIVE; here the validated check
-- makes it catalog-only.
-- squawk-ignore adding-not-nullable-field
alter table public.audit_events alter column institution_id set not null;
alter table public.audit_events drop constraint audit_events_school_required;
alter table public.audit_events drop constraint audit_events_pkey;
-- squawk reads this as a primary key built under ACCESS EXCLUSIVE; each partition brings its
-- own unique index (20250901000612), which the key attaches.
-- squawk-ignore constraint-missing-not-valid,adding-serial-primary-key-field
alter table public.audit_events add constraint audit_events_pkey primary key (institution_id, occurred_at, id);
