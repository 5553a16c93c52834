-- t_demo and tests.demo(name): the demo data's schools, cycles, sections and people by name
-- (supabase/seed.sql), for the analytics tests. Included after support/tests-schema.sql.
create temporary table t_demo (k text primary key, v uuid) on commit drop;
insert into t_demo values
  ('vidya', '10000000-0000-4000-8000-000000000001'),
  ('sunrise', '10000000-0000-4000-8000-000000000002'),
  ('greenfield', '10000000-0000-4000-8000-000000000003'),
  ('vidya_t1', md5('cycle:1:1')::uuid), ('vidya_t2', md5('cycle:1:2')::uuid),
  ('sunrise_t1', md5('cycle:2:1')::uuid), ('greenfield_t1', md5('cycle:3:1')::uuid),
  ('vidya_4a', md5('section:1:4')::uuid), ('vidya_2a', md5('section:1:2')::uuid),
  ('admin', '00000000-0000-4000-a000-000000000001'), ('meera', '00000000-0000-4000-a000-000000000002'),
  ('aarav', '00000000-0000-4000-a000-000000000003'), ('principal', '00000000-0000-4000-a000-000000000004'),
  ('coordinator', '00000000-0000-4000-a000-000000000005'), ('kavita', '00000000-0000-4000-a000-000000000006'),
  ('anaya', '00000000-0000-4000-a000-000000000009'), ('sunrise_principal', '00000000-0000-4000-a000-000000000011'),
  ('ishaan', '00000000-0000-4000-a000-000000000014'), ('greenfield_principal', '00000000-0000-4000-a000-000000000021');
grant select on t_demo to authenticated, anon;
-- demo() lives in the tests schema, not pg_temp, and holds the names as a literal: Citus sends
-- a query's function calls to the workers as written, and a worker gets the tests schema with
-- the transaction but has neither this session's pg_temp nor t_demo.
do $$
begin
  execute format('create function tests.demo(p_k text) returns uuid language sql immutable as %L',
                 format('select (%L::jsonb ->> p_k)::uuid', (select jsonb_object_agg(k, v) from t_demo)));
end
$$;
