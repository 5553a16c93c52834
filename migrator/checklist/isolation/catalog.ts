// What the catalog says about each exposed relation: its columns and key, and how a row's
// school is known (its own institution_id, or foreign keys followed to one).
import type { Sql } from '../../db.ts';
import type { Column, Fk, Relation } from './types.ts';
import { ident } from './sql.ts';

export async function exposedSchemas(sql: Sql): Promise<string[]> {
  const [row] = await sql`
    select coalesce(nullif(current_setting('pgrst.db_schemas', true), ''),
      (select substr(c, length('pgrst.db_schemas=') + 1)
         from pg_db_role_setting as s join pg_roles as r on r.oid = s.setrole, unnest(s.setconfig) as c
        where r.rolname = 'authenticator' and c like 'pgrst.db_schemas=%' limit 1),
      'public, graphql_public') as v`;
  const wanted = String(row!.v)
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
  const present =
    await sql`select nspname from pg_namespace where nspname = any(${wanted}) order by array_position(${wanted}::text[], nspname::text)`;
  return present.map((r) => r.nspname as string);
}

export async function catalog(sql: Sql, schemas: string[], maxHops: number) {
  const relRows = await sql`
    select c.oid::int8 as oid, n.nspname as schema, c.relname as name, c.relkind::text as relkind, c.relispartition as is_partition,
           (select format('%s.%s', pn.nspname, pc.relname) from pg_inherits as i join pg_class as pc on pc.oid = i.inhparent
              join pg_namespace as pn on pn.oid = pc.relnamespace where i.inhrelid = c.oid limit 1) as parent,
           (select bool_or(has_any_column_privilege(r, c.oid, 'select, insert, update, references')
                           or has_table_privilege(r, c.oid, 'delete, truncate'))
              from unnest(array['anon', 'authenticated']) as r) as granted,
           coalesce((select array_agg(a.attname::text order by array_position(k.conkey, a.attnum))
              from pg_constraint as k join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
             where k.conrelid = c.oid and k.contype = 'p'), '{}') as pk
    from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
    where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm', 'f')
    order by array_position(${schemas}::text[], n.nspname::text), c.relname`;
  const fkRows = await sql`
    select k.conname as name, k.conrelid::int8 as "from", k.confrelid::int8 as "to",
           array(select a.attname::text from unnest(k.conkey) with ordinality as u(n, o)
                 join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as cols,
           array(select a.attname::text from unnest(k.confkey) with ordinality as u(n, o)
                 join pg_attribute as a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o) as ref_cols
    from pg_constraint as k where k.contype = 'f'`;
  const fks: Fk[] = fkRows.map((r) => ({ name: r.name, from: Number(r.from), to: Number(r.to), cols: r.cols, refCols: r.ref_cols }));
  const oids = [...new Set([...relRows.map((r) => Number(r.oid)), ...fks.flatMap((f) => [f.from, f.to])])];
  const colRows = await sql`
    select a.attrelid::int8 as rel, a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type,
           a.attgenerated <> '' as generated, a.attidentity = 'a' as identity_always, a.atthasdef as has_default
    from pg_attribute as a where a.attrelid = any(${oids}::oid[]) and a.attnum > 0 and not a.attisdropped
    order by a.attrelid, a.attnum`;
  const columns = new Map<number, Column[]>();
  for (const c of colRows) {
    const list = columns.get(Number(c.rel)) ?? [];
    list.push({ name: c.name, type: c.type, generated: c.generated, identityAlways: c.identity_always, hasDefault: c.has_default });
    columns.set(Number(c.rel), list);
  }
  const names = new Map<number, string>();
  for (const r of await sql`select c.oid::int8 as oid, format('%I.%I', n.nspname, c.relname) as q
                            from pg_class as c join pg_namespace as n on n.oid = c.relnamespace where c.oid = any(${oids}::oid[])`) {
    names.set(Number(r.oid), r.q as string);
  }
  // The tenant root: what user_profiles.institution_id references (public.institutions).
  const [root] = await sql`
    select coalesce(
      (select k.confrelid::int8 from pg_constraint as k join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
        where k.conrelid = to_regclass('public.user_profiles') and k.contype = 'f' and cardinality(k.conkey) = 1
          and a.attname = 'institution_id' limit 1),
      to_regclass('public.institutions')::oid::int8) as oid,
      (select a.attname::text from pg_constraint as k join pg_attribute as a on a.attrelid = k.confrelid and a.attnum = k.confkey[1]
        where k.conrelid = to_regclass('public.user_profiles') and k.contype = 'f' and cardinality(k.conkey) = 1
          and k.conkey[1] = (select attnum from pg_attribute where attrelid = to_regclass('public.user_profiles') and attname = 'institution_id')
        limit 1) as col`;
  const rootOid = root?.oid === null || root?.oid === undefined ? null : Number(root.oid);
  const rootColumn = (root?.col as string | null) ?? 'id';
  const schoolColumnOf = (oid: number): string | null =>
    oid === rootOid ? rootColumn : (columns.get(oid) ?? []).some((c) => c.name === 'institution_id') ? 'institution_id' : null;

  const relations: Relation[] = relRows.map((r) => {
    const oid = Number(r.oid);
    const cols = columns.get(oid) ?? [];
    const kinds: Record<string, Relation['kind']> = {
      r: 'table',
      p: 'partitioned table',
      v: 'view',
      m: 'materialized view',
      f: 'foreign table',
    };
    const kind = kinds[r.relkind as string]!;
    const key = (r.pk as string[]).length ? (r.pk as string[]) : kind === 'view' && cols.some((c) => c.name === 'id') ? ['id'] : [];
    const rel: Relation = {
      oid,
      isRoot: oid === rootOid,
      name: `${r.schema}.${r.name}`,
      sqlName: `${ident(r.schema)}.${ident(r.name)}`,
      kind,
      parent: r.parent,
      isPartition: r.is_partition,
      grantedToApi: Boolean(r.granted),
      columns: cols,
      key,
      judged: 'none',
      schoolColumn: schoolColumnOf(oid),
      paths: [],
      pathExprs: [],
      totalRows: 0,
    };
    if (rel.schoolColumn) {
      rel.judged = 'direct';
    } else {
      const found = schoolPaths(oid, fks, schoolColumnOf, names, maxHops);
      if (found.length) {
        rel.judged = 'links';
        rel.paths = found.map((p) => p.text);
        rel.pathExprs = found.map((p) => p.expr);
      }
    }
    return rel;
  });
  // Partitions' children are skipped when their parent is read and no API role has a grant
  // on them (a query on the parent reads them under the parent's policies); otherwise they
  // are a way in of their own and are read too.
  const covered = new Set(relations.map((r) => r.name));
  for (const r of relations) {
    if (r.isPartition && r.parent && covered.has(r.parent) && !r.grantedToApi)
      r.skipped = `partition of ${r.parent}, no grant to anon or authenticated: read through its parent`;
  }
  return { relations, fks, columns, names, schoolColumnOf, rootOid };
}

/** Every path of foreign keys from `start` to a relation that carries a school, up to
 * `maxHops`, as a scalar SQL expression over alias t0. */
function schoolPaths(
  start: number,
  fks: Fk[],
  schoolColumnOf: (oid: number) => string | null,
  names: Map<number, string>,
  maxHops: number,
) {
  const out: { text: string; expr: string }[] = [];
  const walk = (at: number, path: Fk[], seen: Set<number>) => {
    if (out.length >= 12) return;
    for (const fk of fks.filter((f) => f.from === at)) {
      if (seen.has(fk.to)) continue;
      const next = [...path, fk];
      const school = schoolColumnOf(fk.to);
      if (school) {
        out.push({ text: describePath(start, next, names, school), expr: pathExpr(next, names, school) });
      } else if (next.length < maxHops) {
        walk(fk.to, next, new Set([...seen, fk.to]));
      }
    }
  };
  walk(start, [], new Set([start]));
  return out;
}

function describePath(start: number, path: Fk[], names: Map<number, string>, school: string): string {
  const bits = path.map((f) => `${f.cols.join(',')} → ${names.get(f.to)}`);
  return `${names.get(start)}: ${bits.join(' → ')}.${school}`;
}

function pathExpr(path: Fk[], names: Map<number, string>, school: string): string {
  const alias = (i: number) => `p${i + 1}`;
  const on = (f: Fk, left: string, right: string) =>
    f.cols.map((c, j) => `${right}.${ident(f.refCols[j]!)} = ${left}.${ident(c)}`).join(' and ');
  const from = path
    .map((f, i) =>
      i === 0 ? `${names.get(f.to)} as ${alias(i)}` : `join ${names.get(f.to)} as ${alias(i)} on ${on(f, alias(i - 1), alias(i))}`,
    )
    .join(' ');
  return `(select ${alias(path.length - 1)}.${ident(school)}::text from ${from} where ${on(path[0]!, 't0', alias(0))} limit 1)`;
}
