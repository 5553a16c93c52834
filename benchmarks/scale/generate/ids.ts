// Deterministic ids: kind (2 hex) | institution number (6 hex) - 0000-4000-8000 - serial (12
// hex), so reruns produce the same data and benchmark queries can name rows. The same layout
// in SQL (scale_gen.sid, used while generating) and here (scaleId, used to name rows), with
// the deterministic draw the generator's rates and levels come from.

/** The scale_gen schema and its functions, created before the first step. */
export const scaleGenFunctions = `
      create schema if not exists scale_gen;
      revoke all on schema scale_gen from public;
      -- kind (2 hex) | institution number (6 hex) - 0000-4000-8000 - serial (12 hex)
      create or replace function scale_gen.sid(k integer, a bigint, b bigint) returns uuid
      language sql immutable parallel safe set search_path = '' as $$
        select (lpad(to_hex(k), 2, '0') || lpad(to_hex(a), 6, '0') || '-0000-4000-8000-' || lpad(to_hex(b), 12, '0'))::uuid
      $$;
      -- a deterministic draw in [0, 1000)
      create or replace function scale_gen.draw(a bigint, b bigint, c bigint, d bigint) returns integer
      language sql immutable parallel safe set search_path = '' as $$
        select (abs(pg_catalog.hashint8(((a * 1000003 + b) * 1009 + c) * 31 + d)) % 1000)::integer
      $$;
    `;

/** The numbered entities the benchmark names: institution i's k-th section, j-th student… */
export function scaleId(
  kind: 'institution' | 'section' | 'student' | 'parent' | 'teacher' | 'principal' | 'coordinator' | 'cycle',
  institution: number,
  serial = 0,
): string {
  const code = { institution: 16, section: 19, student: 32, parent: 33, teacher: 34, principal: 35, coordinator: 35, cycle: 50 }[kind];
  const b = kind === 'coordinator' ? 1 : serial;
  return `${code.toString(16).padStart(2, '0')}${institution.toString(16).padStart(6, '0')}-0000-4000-8000-${b.toString(16).padStart(12, '0')}`;
}
