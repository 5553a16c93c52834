// Tenant isolation, proved from the catalog rather than assumed from "RLS is on": every
// relation PostgREST exposes is read, and written to, as a real person of each school and
// as anon, impersonated exactly as PostgREST does it (a transaction, `set local role`, the
// JWT claims in `request.jwt.claims`), and every row the caller reaches is judged by the
// school it belongs to. Nothing is left changed: each caller works in one transaction that
// is rolled back, every write probe in a savepoint rolled back at once.
//
// How a row's school is known (as postgres, which bypasses RLS, never as the caller):
//   direct  — the relation has institution_id (the tenant root, public.institutions, is its
//             own school: its key);
//   links   — no institution_id: its foreign keys are followed through the catalog, up to
//             `maxHops`, to a relation that has one (user_profiles included); every path is
//             used, so a row whose links disagree belongs to each school they reach, and a
//             row whose links are all null belongs to none (counted as foreign);
//   none    — no path: the relation is a separate finding ("no tenant path"), and rows of it
//             seen by a caller fail the check unless it is in the allow-list of shared
//             tables, each with its written reason. A shared table that has institution_id
//             (a school's own rows beside shared ones) is judged directly, its rows with
//             institution_id null being the shared ones.
//
// Writes aim at one row of each other school per relation, found beforehand as postgres:
// UPDATE and DELETE go through a cursor (`where current of`), which reads no column, so
// only the UPDATE/DELETE policies decide, not the SELECT ones. (`update … where id = …`
// would also apply the SELECT policies: an UPDATE policy `using (true)` then looks safe
// through a filter, yet PostgREST's unfiltered PATCH, which reads no column, rewrites
// every school's rows.) INSERT copies a row of the other school — with a new key when the
// key is a single uuid (or has a default), else with its own, so that a policy that admits
// it meets the duplicate key — and must be refused: a row stored under another school is a
// cross-school write, seen by the caller or not. An error raised after the policy admitted
// the row (a constraint, class 23) counts as written; any other error is inconclusive and
// fails too: the proof is not made.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db.ts';
import { sharedRowTables } from '../backfill/tables.ts';

type Reserved = Awaited<ReturnType<Sql['reserve']>>;

export interface IsolationOptions {
  /** Relations shared by every school on purpose ('schema.table' → the written reason). */
  sharedTables: Record<string, string>;
  /** Foreign-key hops followed to find a row's school. */
  maxHops: number;
  /** Rows read from each function call. */
  maxFunctionRows: number;
  /** Impersonate people of at most this many institutions (all when unset). */
  maxInstitutions?: number;
  /** Write probes against at most this many other schools per caller (all when unset). */
  maxForeignSchools?: number;
}

export function defaultIsolationOptions(): IsolationOptions {
  return {
    sharedTables: Object.fromEntries(Object.entries(sharedRowTables).map(([t, why]) => [`public.${t}`, why])),
    maxHops: 3,
    maxFunctionRows: 5000,
  };
}

export interface Caller {
  label: string;
  /** admin, teacher, student, staff, parent, principal, coordinator … or anon. */
  kind: string;
  role: 'anon' | 'authenticated';
  userId: string | null;
  institutionId: string | null;
  institution: string | null;
}

interface Column {
  name: string;
  type: string;
  generated: boolean;
  identityAlways: boolean;
  hasDefault: boolean;
}

interface Fk {
  name: string;
  from: number;
  to: number;
  cols: string[];
  refCols: string[];
}

interface Relation {
  oid: number;
  isRoot: boolean;
  name: string; // schema.relname, as shown
  sqlName: string; // quoted
  kind: 'table' | 'partitioned table' | 'view' | 'materialized view' | 'foreign table';
  parent: string | null;
  isPartition: boolean;
  grantedToApi: boolean;
  columns: Column[];
  key: string[]; // primary key (views: id), empty if none
  judged: 'direct' | 'links' | 'none';
  schoolColumn: string | null;
  paths: string[]; // described paths (links)
  pathExprs: string[]; // SQL over alias t0: the school of the row, as text
  totalRows: number;
  skipped?: string;
  mapTable?: string;
}

export interface FunctionTally {
  returned: number;
  foreign: number;
  unmatched: number;
  refused: number;
  refusal?: string;
}

export interface Cell {
  visible: number;
  foreign: number;
  writable: number;
  probes: number;
}

export interface VisibilityFailure {
  table: string;
  role: string;
  caller: string;
  count: number;
  why: string;
}
export interface WriteFailure {
  table: string;
  role: string;
  caller: string;
  op: 'update' | 'delete' | 'insert';
  school: string;
  count: number;
  outcome: string;
}
export interface FunctionFailure {
  function: string;
  role: string;
  caller: string;
  count: number;
  why: string;
}

export interface IsolationResult {
  ok: { visibility: boolean; writes: boolean; functions: boolean };
  failures: { visibility: VisibilityFailure[]; writes: WriteFailure[]; functions: FunctionFailure[] };
  totals: {
    /** Relations read as every caller. */
    tablesChecked: number;
    /** Partitions judged through their parent (no grant of their own to an API role). */
    partitionsCoveredByParent: number;
    tablesCovered: number;
    /** Each caller × each row of each relation read: rows whose visibility was judged. */
    rowsChecked: number;
    /** Rows the callers saw (and whose school was checked). */
    rowsVisible: number;
    callers: number;
    institutions: number;
    writeProbes: number;
    functionsProbed: number;
    functionRowsReturned: number;
  };
  schemas: string[];
  callers: string[];
  /** How each relation was judged. */
  relations: { table: string; kind: string; judged: string; path?: string[]; rows: number; skipped?: string }[];
  /** Relations with no path to a school: rows seen, per kind of caller; the reason when shared. */
  noTenantPath: { table: string; visible: Record<string, number>; shared?: string }[];
  unusedSharedTables: string[];
  /** Per relation, per kind of caller (summed over schools): visible rows, rows of another school
   * visible, rows of another school written, write probes made. */
  perTable: Record<string, Record<string, Cell>>;
  /** Write probes by operation and outcome (refused by a policy, no row reached …). */
  writeOutcomes: Record<string, number>;
  writesNotProbed: { table: string; why: string }[];
  /** Per function, per kind of caller: rows returned, rows of another school, rows matched to
   * no school, calls the function refused (it raised). */
  functions: { function: string; probed: boolean; why?: string; rows?: Record<string, FunctionTally> }[];
  unpinnedSecurityDefiner: string[];
  errors: string[];
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const lit = (v: string | null) => (v === null ? 'null' : `'${v.replace(/'/g, "''")}'`);

async function exposedSchemas(sql: Sql): Promise<string[]> {
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

async function catalog(sql: Sql, schemas: string[], maxHops: number) {
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

async function institutionsOf(sql: Sql, max?: number): Promise<{ id: string; label: string }[]> {
  const [cols] =
    await sql`select array_agg(attname::text) as names from pg_attribute where attrelid = 'public.institutions'::regclass and attnum > 0 and not attisdropped`;
  const names = cols!.names as string[];
  const label = names.includes('slug') ? 'slug::text' : names.includes('name') ? 'name::text' : 'id::text';
  const rows = await sql.unsafe(`select id::text as id, coalesce(${label}, id::text) as label from public.institutions order by 2, 1`);
  return rows.slice(0, max ?? rows.length).map((r) => ({ id: r.id as string, label: r.label as string }));
}

async function columnsOf(sql: Sql, table: string): Promise<string[] | null> {
  const [r] =
    await sql`select array_agg(attname::text) as names from pg_attribute where attrelid = to_regclass(${table}) and attnum > 0 and not attisdropped`;
  return (r?.names as string[] | null) ?? null;
}

/** A person per role present in each school, plus parents (student_guardians) and
 * principals and coordinators (staff_duties) when those tables exist; and anon. */
async function findCallers(sql: Sql, schools: { id: string; label: string }[]): Promise<Caller[]> {
  const callers: Caller[] = [];
  const profileCols = (await columnsOf(sql, 'public.user_profiles')) ?? [];
  const active = profileCols.includes('status') ? `(status = 'active') desc,` : '';
  const guardianCols = await columnsOf(sql, 'public.student_guardians');
  const dutyCols = await columnsOf(sql, 'public.staff_duties');
  let dutyPerson: string | null = null;
  if (dutyCols) {
    const [fk] =
      await sql`select a.attname::text as col from pg_constraint as k join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
                           where k.conrelid = 'public.staff_duties'::regclass and k.contype = 'f' and k.confrelid = 'public.user_profiles'::regclass
                             and a.attname <> 'institution_id' limit 1`;
    dutyPerson = (fk?.col as string | undefined) ?? (dutyCols.includes('user_id') ? 'user_id' : null);
  }
  for (const s of schools) {
    const people = await sql.unsafe(
      `select distinct on (role) role::text as kind, id::text as id from public.user_profiles
                                     where institution_id = $1 and role is not null order by role, ${active} id`,
      [s.id],
    );
    const kinds = new Set<string>();
    const add = (kind: string, id: string) => {
      if (kinds.has(kind)) return; // a parent may also be a user_profiles role
      kinds.add(kind);
      callers.push({ label: `${kind}@${s.label}`, kind, role: 'authenticated', userId: id, institutionId: s.id, institution: s.label });
    };
    for (const p of people) add(p.kind as string, p.id as string);
    if (guardianCols?.includes('guardian_id')) {
      const [g] = await sql.unsafe(
        `select g.guardian_id::text as id from public.student_guardians as g join public.user_profiles as u on u.id = g.guardian_id
                                    where u.institution_id = $1 order by 1 limit 1`,
        [s.id],
      );
      if (g) add('parent', g.id as string);
    }
    if (dutyCols?.includes('duty') && dutyPerson) {
      for (const duty of ['principal', 'coordinator']) {
        const [d] = await sql.unsafe(
          `select d.${ident(dutyPerson)}::text as id from public.staff_duties as d join public.user_profiles as u on u.id = d.${ident(dutyPerson)}
                                      where u.institution_id = $1 and d.duty = $2 ${dutyCols.includes('active') ? 'and d.active' : ''} order by 1 limit 1`,
          [s.id, duty],
        );
        if (d) add(duty, d.id as string);
      }
    }
  }
  callers.push({ label: 'anon', kind: 'anon', role: 'anon', userId: null, institutionId: null, institution: null });
  return callers;
}

interface ProbeRow {
  school: string;
  values: Record<string, string | null>;
}

function keyMatch(rel: Relation, values: Record<string, string | null>, alias = 't'): string {
  if (!rel.key.length) return `${alias}.ctid = ${lit(values.ctid!)}::tid and ${alias}.tableoid = ${lit(values.tableoid!)}::oid`;
  return rel.key
    .map((k) => {
      const col = rel.columns.find((c) => c.name === k)!;
      return `${alias}.${ident(k)} = ${lit(values[k] ?? null)}::${col.type}`;
    })
    .join(' and ');
}

/** Build, as postgres, the map from each row of a links-judged relation to the schools its
 * links reach (a temporary table the callers may read: their own reads join it). */
async function buildSchoolMap(c: Reserved, rel: Relation, n: number) {
  const name = `iso_map_${n}`;
  const keyCols = rel.key.length ? rel.key.map((k) => `t0.${ident(k)}`).join(', ') : 't0.ctid as tid';
  await run(c, `drop table if exists pg_temp.${name}`);
  await run(
    c,
    `create temporary table ${name} as
    select ${keyCols}, array(select distinct s from unnest(array[${rel.pathExprs.join(', ')}]::text[]) as s where s is not null order by 1) as schools
    from ${rel.sqlName} as t0`,
  );
  await run(c, `grant select on pg_temp.${name} to anon, authenticated`);
  rel.mapTable = `pg_temp.${name}`;
}

const mapJoin = (rel: Relation) => (rel.key.length ? rel.key.map((k) => `m.${ident(k)} = t.${ident(k)}`).join(' and ') : 'm.tid = t.ctid');

/** One row of each school, as postgres, each column as text. */
async function probeRows(c: Reserved, rel: Relation, schools: string[]): Promise<Map<string, ProbeRow>> {
  const out = new Map<string, ProbeRow>();
  const cols = rel.columns.map((col) => `t.${ident(col.name)}::text as ${ident(col.name)}`);
  if (!rel.key.length) cols.push('t.ctid::text as ctid', 't.tableoid::text as tableoid');
  for (const school of schools) {
    const schoolType = rel.columns.find((x) => x.name === rel.schoolColumn)?.type ?? 'uuid';
    const where =
      rel.judged === 'direct'
        ? `from ${rel.sqlName} as t where t.${ident(rel.schoolColumn!)} = ${lit(school)}::${schoolType}`
        : `from ${rel.sqlName} as t join ${rel.mapTable} as m on ${mapJoin(rel)} where m.schools = array[${lit(school)}]::text[]`;
    const [row] = await run(c, `select ${cols.join(', ')} ${where} limit 1`);
    if (row) out.set(school, { school, values: row as unknown as Record<string, string | null> });
  }
  return out;
}

/** One statement, never prepared (the probes are many and each is different). */
const run = (c: Reserved, text: string) => c.unsafe(text, [], { prepare: false });

/** Statements sent together, one round trip (postgres.js pipelines them on the connection);
 * each settles on its own. After an error the rest fail with 25P02 until a `rollback to
 * savepoint` among them, which is why every group ends with one. */
const pipeline = (c: Reserved, texts: string[]) => Promise.allSettled(texts.map((t) => run(c, t)));
type Settled = PromiseSettledResult<Awaited<ReturnType<typeof run>>>;
/** The first error of a group (the one that aborted it), if any. */
const firstError = (results: Settled[]) =>
  (results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined)?.reason as unknown;
const value = (r: Settled) => (r.status === 'fulfilled' ? r.value : undefined);

const code = (e: unknown) => (e as { code?: string }).code ?? '';
const message = (e: unknown) => (e as Error).message;

type Outcome = { written: number; outcome: string; fails: boolean; category: string };

function classify(error: unknown, op: string): Outcome {
  const c = code(error);
  if (c === '42501')
    return {
      written: 0,
      outcome: `refused (${message(error)})`,
      fails: false,
      category: /row-level security/.test(message(error)) ? 'refused by a policy' : 'refused: no privilege',
    };
  // The row passed the policy (RLS filters rows before triggers and constraints run): only a
  // constraint stopped it. On INSERT, BEFORE triggers run before the policy check, so their
  // errors prove nothing either way.
  if (c.startsWith('23'))
    return {
      written: 1,
      outcome: `${op} admitted by the policy, refused by a constraint (${c}: ${message(error)})`,
      fails: true,
      category: 'admitted, refused by a constraint',
    };
  return { written: 0, outcome: `inconclusive: ${c} ${message(error)}`, fails: true, category: 'inconclusive' };
}

export async function proveIsolation(sql: Sql, options: IsolationOptions = defaultIsolationOptions()): Promise<IsolationResult> {
  const schemas = await exposedSchemas(sql);
  const { relations, rootOid } = await catalog(sql, schemas, options.maxHops);
  const schools = await institutionsOf(sql, options.maxInstitutions);
  const callers = await findCallers(sql, schools);
  const schoolIds = schools.map((s) => s.id);
  const schoolLabel = new Map(schools.map((s) => [s.id, s.label]));
  const allSchools = (await sql`select id::text from public.institutions`).map((r) => r.id as string);
  const errors: string[] = [];

  const checked = relations.filter((r) => !r.skipped);
  const perTable: Record<string, Record<string, Cell>> = {};
  const cell = (t: string, kind: string) => {
    const kinds = perTable[t] ?? {};
    perTable[t] = kinds;
    const found = kinds[kind] ?? { visible: 0, foreign: 0, writable: 0, probes: 0 };
    kinds[kind] = found;
    return found;
  };
  const failures: IsolationResult['failures'] = { visibility: [], writes: [], functions: [] };
  const noPathVisible = new Map<string, Record<string, number>>();
  const writesNotProbed: { table: string; why: string }[] = [];
  let rowsChecked = 0;
  let rowsVisible = 0;
  let writeProbes = 0;
  const writeOutcomes: Record<string, number> = {};

  const c = await sql.reserve();
  try {
    const [scs] = await c`select current_setting('standard_conforming_strings') as v`;
    if (scs!.v !== 'on') throw new Error('standard_conforming_strings is off: the probes quote literals the standard way');
    // As postgres, before any caller: row counts, school maps, probe rows.
    let n = 0;
    for (const rel of checked) {
      try {
        const [r] = await run(c, `select count(*)::int8 as n from ${rel.sqlName}`);
        rel.totalRows = Number(r!.n);
        if (rel.judged === 'links') await buildSchoolMap(c, rel, n++);
      } catch (error) {
        errors.push(`${rel.name}: could not be read as postgres: ${message(error)}`);
        rel.skipped = `could not be read as postgres: ${message(error)}`;
      }
    }
    const writable = checked.filter(
      (r) =>
        !r.skipped && r.judged !== 'none' && (r.kind === 'table' || r.kind === 'partitioned table' || (r.kind === 'view' && r.key.length)),
    );
    for (const r of checked) {
      if (r.skipped) continue;
      if (r.judged === 'none') writesNotProbed.push({ table: r.name, why: 'no tenant path: no row belongs to another school' });
      else if (!writable.includes(r))
        writesNotProbed.push({ table: r.name, why: r.kind === 'view' ? 'view without an id column' : `${r.kind}: not writable` });
    }
    const probes = new Map<Relation, Map<string, ProbeRow>>();
    for (const rel of writable) {
      probes.set(rel, await probeRows(c, rel, allSchools));
      if (probes.get(rel)!.size === 0) writesNotProbed.push({ table: rel.name, why: 'no row of any school to aim at' });
    }
    const fnCandidates = await functionCandidates(c, schemas, relations);
    const privileges = new Privileges(c);
    const fnRows = new Map<string, Map<string, FunctionCall>>(); // function → caller → what it returned

    for (const caller of callers) {
      const claims = JSON.stringify(caller.userId ? { sub: caller.userId, role: 'authenticated' } : { role: 'anon' });
      const me = caller.institutionId;
      await c.unsafe('begin');
      try {
        await c.unsafe(`set local statement_timeout = '30s'`);
        await c.unsafe(`set local lock_timeout = '2s'`);
        await c`select set_config('request.jwt.claims', ${claims}, true)`;
        const asCaller = `set local role ${caller.role}`;

        // Reads.
        for (const rel of checked) {
          if (rel.skipped) continue;
          rowsChecked += rel.totalRows;
          const sharedNulls = rel.judged === 'direct' && options.sharedTables[rel.name] !== undefined;
          const foreignWhen = (school: string) =>
            sharedNulls
              ? me
                ? `(${school} is not null and ${school} <> ${lit(me)})`
                : `${school} is not null`
              : me
                ? `(${school} is null or ${school} <> ${lit(me)})`
                : 'true';
          const q =
            rel.judged === 'direct'
              ? `select count(*)::int8 as visible, count(*) filter (where ${foreignWhen(`t.${ident(rel.schoolColumn!)}::text`)})::int8 as foreign from ${rel.sqlName} as t`
              : rel.judged === 'links'
                ? `select count(*)::int8 as visible, count(*) filter (where m.schools is null or cardinality(m.schools) = 0 or ${me ? `not (m.schools <@ array[${lit(me)}]::text[])` : 'true'})::int8 as foreign
                 from ${rel.sqlName} as t left join ${rel.mapTable} as m on ${mapJoin(rel)}`
                : `select count(*)::int8 as visible, 0::int8 as foreign from ${rel.sqlName} as t`;
          let visible = 0;
          let foreign = 0;
          const read = await pipeline(c, ['savepoint iso_read', asCaller, q, 'rollback to savepoint iso_read']);
          const error = firstError(read);
          if (!error) {
            visible = Number(value(read[2]!)![0]!.visible);
            foreign = Number(value(read[2]!)![0]!.foreign);
          } else if (code(error) !== '42501') {
            failures.visibility.push({
              table: rel.name,
              role: caller.kind,
              caller: caller.label,
              count: 0,
              why: `could not read: ${message(error)}`,
            });
          } else {
            // No privilege on the columns the judgement reads: does the caller see rows at all?
            const plain = await pipeline(c, [
              'savepoint iso_read',
              asCaller,
              `select count(*)::int8 as n from ${rel.sqlName}`,
              'rollback to savepoint iso_read',
            ]);
            visible = firstError(plain) ? 0 : Number(value(plain[2]!)![0]!.n);
            if (visible > 0 && rel.judged !== 'none') {
              failures.visibility.push({
                table: rel.name,
                role: caller.kind,
                caller: caller.label,
                count: visible,
                why: 'rows visible whose school cannot be judged: the caller may not read the key or school columns',
              });
            }
          }
          rowsVisible += visible;
          const x = cell(rel.name, caller.kind);
          x.visible += visible;
          x.foreign += foreign;
          if (rel.judged === 'none') {
            const seen = noPathVisible.get(rel.name) ?? {};
            seen[caller.label] = visible;
            noPathVisible.set(rel.name, seen);
          } else if (foreign > 0) {
            failures.visibility.push({
              table: rel.name,
              role: caller.kind,
              caller: caller.label,
              count: foreign,
              why:
                rel.judged === 'direct'
                  ? `rows whose ${rel.schoolColumn} is another school's (or null)`
                  : 'rows whose links lead to another school (or to none)',
            });
          }
        }

        // Writes: one row of each other school per relation.
        const others = allSchools.filter((s) => s !== me).slice(0, options.maxForeignSchools ?? Infinity);
        for (const rel of writable) {
          for (const school of others) {
            const row = probes.get(rel)!.get(school);
            if (!row) continue;
            for (const op of ['update', 'delete', 'insert'] as const) {
              const result = await writeProbe(c, rel, row, op, caller, asCaller, privileges);
              if (!result) continue;
              writeProbes += 1;
              const tallyKey = `${op}: ${result.category}`;
              writeOutcomes[tallyKey] = (writeOutcomes[tallyKey] ?? 0) + 1;
              const x = cell(rel.name, caller.kind);
              x.probes += 1;
              x.writable += result.written;
              if (result.fails) {
                failures.writes.push({
                  table: rel.name,
                  role: caller.kind,
                  caller: caller.label,
                  op,
                  school: schoolLabel.get(school) ?? school,
                  count: result.written,
                  outcome: result.outcome,
                });
              }
            }
          }
        }

        // Functions callable through the API with their defaults.
        for (const fn of fnCandidates) {
          if (!fn.probe || !fn.executableBy.includes(caller.role)) continue;
          const byCaller = fnRows.get(fn.name) ?? new Map<string, FunctionCall>();
          fnRows.set(fn.name, byCaller);
          const call = await pipeline(c, [
            'savepoint iso_fn',
            asCaller,
            `select * from ${fn.call} limit ${options.maxFunctionRows}`,
            'rollback to savepoint iso_fn',
          ]);
          const error = firstError(call);
          // A function that refuses the caller (it checks and raises) returns no rows: no leak.
          byCaller.set(
            caller.label,
            error
              ? { rows: [], refused: `${code(error)} ${message(error)}` }
              : { rows: [...value(call[2]!)!] as Record<string, unknown>[] },
          );
        }
      } finally {
        await c.unsafe('rollback');
      }
    }

    // Function rows, matched back to schools as postgres.
    const functions = await judgeFunctionRows(c, fnCandidates, fnRows, callers, failures.functions);
    const [unpinned] = await c`
      select coalesce(array_agg(p.oid::regprocedure::text order by 1), '{}') as names from pg_proc as p
      where p.pronamespace = any(select oid from pg_namespace where nspname = any(${schemas})) and p.prosecdef
        and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
        and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as s where s like 'search_path=%')`;
    const unpinnedSecurityDefiner = unpinned!.names as string[];
    for (const f of unpinnedSecurityDefiner) {
      failures.functions.push({
        function: f,
        role: 'anon/authenticated',
        caller: '-',
        count: 0,
        why: 'SECURITY DEFINER, executable by an API role, search_path not pinned (proconfig)',
      });
    }

    const shared = options.sharedTables;
    const noTenantPath = checked
      .filter((r) => !r.skipped && r.judged === 'none')
      .map((r) => {
        const visible = noPathVisible.get(r.name) ?? {};
        const reason = shared[r.name];
        const total = Object.values(visible).reduce((a, b) => a + b, 0);
        if (total > 0 && !reason) {
          for (const [caller, count] of Object.entries(visible)) {
            if (count > 0)
              failures.visibility.push({
                table: r.name,
                role: callers.find((x) => x.label === caller)!.kind,
                caller,
                count,
                why: 'no tenant path: rows with no school, not an allowed shared table',
              });
          }
        }
        const byKind: Record<string, number> = {};
        for (const [label, count] of Object.entries(visible)) {
          const kind = callers.find((x) => x.label === label)!.kind;
          byKind[kind] = (byKind[kind] ?? 0) + count;
        }
        return { table: r.name, visible: byKind, ...(reason ? { shared: reason } : {}) };
      });
    if (!callers.some((x) => x.role === 'authenticated')) errors.push('no person of any school to impersonate');

    const covered = relations.filter((r) => r.skipped?.startsWith('partition of')).length;
    const tablesChecked = checked.filter((r) => !r.skipped).length;
    const ok = {
      visibility: failures.visibility.length === 0 && tablesChecked > 0 && callers.length > 1,
      writes: failures.writes.length === 0 && callers.length > 1,
      functions: failures.functions.length === 0,
    };
    return {
      ok,
      failures,
      totals: {
        tablesChecked,
        partitionsCoveredByParent: covered,
        tablesCovered: tablesChecked + covered,
        rowsChecked,
        rowsVisible,
        callers: callers.length,
        institutions: schoolIds.length,
        writeProbes,
        functionsProbed: fnCandidates.filter((f) => f.probe).length,
        functionRowsReturned: functions.reduce((a, f) => a + Object.values(f.rows ?? {}).reduce((b, r) => b + r.returned, 0), 0),
      },
      schemas,
      callers: callers.map((x) => x.label),
      relations: relations.map((r) => ({
        table: r.name,
        kind: r.kind,
        judged: r.oid === rootOid ? 'direct (the tenant root)' : r.judged,
        ...(r.paths.length ? { path: r.paths } : {}),
        rows: r.totalRows,
        ...(r.skipped ? { skipped: r.skipped } : {}),
      })),
      noTenantPath,
      unusedSharedTables: Object.keys(shared).filter((t) => !relations.some((x) => x.name === t)),
      perTable,
      writeOutcomes,
      writesNotProbed,
      functions,
      unpinnedSecurityDefiner,
      errors,
    };
  } finally {
    await c.unsafe('discard temp').catch(() => {});
    c.release();
  }
}

/** Which columns an API role may update or insert, per relation (asked once, as postgres). */
class Privileges {
  private cache = new Map<string, Set<string>>();
  constructor(private c: Reserved) {}
  async columns(rel: Relation, role: string, privilege: 'update' | 'insert'): Promise<Set<string>> {
    const key = `${rel.oid}|${role}|${privilege}`;
    let found = this.cache.get(key);
    if (!found) {
      const [r] = await this.c`
        select coalesce(array_agg(a.name), '{}') as names from unnest(${rel.columns.map((x) => x.name)}::text[]) as a(name)
        where has_column_privilege(${role}::name, ${rel.oid}::oid, a.name, ${privilege})`;
      found = new Set(r!.names as string[]);
      this.cache.set(key, found);
    }
    return found;
  }
}

async function writeProbe(
  c: Reserved,
  rel: Relation,
  row: ProbeRow,
  op: 'update' | 'delete' | 'insert',
  caller: Caller,
  asCaller: string,
  privileges: Privileges,
): Promise<Outcome | null> {
  if (op === 'insert') return insertProbe(c, rel, row, caller, asCaller, privileges);
  let statement: string;
  const target = rel.kind === 'view' ? `where ${keyMatch(rel, row.values, rel.sqlName)}` : 'where current of iso_c';
  if (op === 'update') {
    // Some column the role may update, the same value again: updated_at first, keys last.
    const may = await privileges.columns(rel, caller.role, 'update');
    const candidates = rel.columns.filter((x) => may.has(x.name) && !x.generated && !x.identityAlways);
    const rank = (x: Column) => (x.name === 'updated_at' ? 0 : rel.key.includes(x.name) || x.name === rel.schoolColumn ? 2 : 1);
    const column = candidates.sort((a, b) => rank(a) - rank(b))[0];
    if (!column)
      return { written: 0, outcome: 'refused (no UPDATE privilege on any column)', fails: false, category: 'refused: no privilege' };
    statement = `update ${rel.sqlName} set ${ident(column.name)} = ${lit(row.values[column.name] ?? null)}::${column.type} ${target}`;
  } else {
    statement = `delete from ${rel.sqlName} ${target}`;
  }
  // Aimed as postgres through a cursor; the caller's statement reads no column, so only its
  // UPDATE or DELETE policies decide (a view has no cursor: its key filter, read as the caller).
  // A cursor pruned to one partition cannot aim an UPDATE of the parent, which visits every
  // partition: unpruned, the other partitions' scans are simply not on a row.
  const aim =
    rel.kind === 'view'
      ? []
      : [
          ...(rel.kind === 'partitioned table' ? ['set local enable_partition_pruning = off'] : []),
          `declare iso_c no scroll cursor for select 1 from ${rel.sqlName} as t where ${keyMatch(rel, row.values)}`,
          'fetch iso_c',
        ];
  const results = await pipeline(c, ['savepoint iso_write', ...aim, asCaller, statement, 'rollback to savepoint iso_write']);
  if (aim.length && value(results[aim.length]!)?.length === 0) return null; // the row is gone since
  const error = firstError(results);
  if (error) return classify(error, op);
  const count = value(results[results.length - 2]!)!.count;
  return count > 0
    ? { written: count, outcome: `${op} changed ${count} row(s) of another school`, fails: true, category: 'WRITTEN' }
    : { written: 0, outcome: 'no row reached', fails: false, category: 'no row reached' };
}

async function insertProbe(
  c: Reserved,
  rel: Relation,
  row: ProbeRow,
  caller: Caller,
  asCaller: string,
  privileges: Privileges,
): Promise<Outcome | null> {
  if (rel.isRoot) return null; // the tenant root: a new row is a new school, not another's
  // A single uuid (or defaulted) key of its own: the copy gets a new one. Otherwise the copy
  // keeps its key, so a policy that admits it is caught by the duplicate key (23505).
  const ownKey = rel.key.filter((k) => k !== rel.schoolColumn);
  const keyCol = ownKey.length === 1 ? rel.columns.find((x) => x.name === ownKey[0]) : undefined;
  const fresh = keyCol && (keyCol.type === 'uuid' || keyCol.hasDefault || keyCol.identityAlways) ? keyCol : undefined;
  const allowed = await privileges.columns(rel, caller.role, 'insert');
  if (allowed.size === 0) return { written: 0, outcome: 'refused (no INSERT privilege)', fails: false, category: 'refused: no privilege' };
  const newKey = fresh && fresh.type === 'uuid' && allowed.has(fresh.name) && !fresh.identityAlways ? randomUUID() : undefined;
  // The fresh key column is left to its default when the caller may not set it.
  const cols = rel.columns.filter((x) => allowed.has(x.name) && !x.generated && !x.identityAlways && (x !== fresh || newKey));
  const values = cols.map((col) => (col === fresh ? `${lit(newKey!)}::uuid` : `${lit(row.values[col.name] ?? null)}::${col.type}`));
  const insert = `insert into ${rel.sqlName} (${cols.map((x) => ident(x.name)).join(', ')}) values (${values.join(', ')})`;
  if (!fresh || !newKey) {
    const results = await pipeline(c, ['savepoint iso_write', asCaller, insert, 'rollback to savepoint iso_write']);
    const error = firstError(results);
    if (error) return classify(error, 'insert');
    return value(results[2]!)!.count === 0
      ? { written: 0, outcome: 'nothing inserted', fails: false, category: 'nothing inserted' }
      : {
          written: 1,
          outcome: "inserted a copy of another school's row (its key came from a default: judged by the school it named)",
          fails: true,
          category: 'WRITTEN',
        };
  }
  // Where did it land? Read back as postgres by its new key; and is it visible to the caller?
  const match = `t0.${ident(fresh.name)} = ${lit(newKey)}::uuid`;
  const schoolExpr =
    rel.judged === 'direct'
      ? `array[t0.${ident(rel.schoolColumn!)}::text]`
      : `array(select distinct s from unnest(array[${rel.pathExprs.join(', ')}]::text[]) as s where s is not null)`;
  const results = await pipeline(c, [
    'savepoint iso_write',
    asCaller,
    insert,
    'reset role',
    `select ${schoolExpr} as schools from ${rel.sqlName} as t0 where ${match}`,
    asCaller,
    `select count(*)::int as n from ${rel.sqlName} as t0 where ${match}`,
    'rollback to savepoint iso_write',
  ]);
  if (results[2]!.status === 'rejected') return classify(results[2]!.reason, 'insert');
  if (value(results[2]!)!.count === 0) return { written: 0, outcome: 'nothing inserted', fails: false, category: 'nothing inserted' };
  const landed = (value(results[4]!)?.[0]?.schools as string[] | undefined) ?? [];
  const seen = Number(value(results[6]!)?.[0]?.n ?? 0);
  const mine = caller.institutionId && landed.length > 0 && landed.every((x) => x === caller.institutionId);
  if (mine)
    return {
      written: 0,
      outcome: "inserted, but stored under the caller's own school",
      fails: false,
      category: "stored under the caller's own school",
    };
  return {
    written: 1,
    outcome: `inserted into another school (${seen ? 'visible' : 'invisible'} to the caller)`,
    fails: true,
    category: 'WRITTEN',
  };
}

interface FunctionCall {
  rows: Record<string, unknown>[];
  refused?: string;
}

interface FunctionCandidate {
  name: string;
  call: string;
  executableBy: ('anon' | 'authenticated')[];
  probe: boolean;
  why?: string;
  /** The relation whose row type it returns, if any. */
  rowOf: number | null;
}

async function functionCandidates(c: Reserved, schemas: string[], relations: Relation[]): Promise<FunctionCandidate[]> {
  const rows = await c`
    select p.oid::regprocedure::text as name, format('%I.%I()', n.nspname, p.proname) as call, p.proretset as retset,
           t.typrelid::int8 as typrelid, p.pronargs as nargs, p.pronargdefaults as ndefaults,
           coalesce('o' = any(p.proargmodes) or 't' = any(p.proargmodes), false) as has_out,
           has_function_privilege('anon', p.oid, 'execute') as anon, has_function_privilege('authenticated', p.oid, 'execute') as authenticated
    from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace join pg_type as t on t.oid = p.prorettype
    where n.nspname = any(${schemas}) and p.prokind = 'f'
      and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
    order by 1`;
  const tenant = new Set(relations.filter((r) => r.judged !== 'none').map((r) => r.oid));
  const out: FunctionCandidate[] = [];
  for (const r of rows) {
    const typrelid = Number(r.typrelid);
    const returnsTenantRow = typrelid !== 0 && tenant.has(typrelid);
    if (!(r.retset || returnsTenantRow || (r.has_out && typrelid === 0 && !r.retset))) continue;
    const executableBy = [...(r.anon ? ['anon' as const] : []), ...(r.authenticated ? ['authenticated' as const] : [])];
    const needsArgs = r.nargs > r.ndefaults;
    out.push({
      name: r.name,
      call: r.call,
      executableBy,
      probe: !needsArgs,
      rowOf: typrelid || null,
      ...(needsArgs ? { why: 'not probed: needs arguments' } : {}),
    });
  }
  return out;
}

/** Which school each returned row belongs to: its institution_id; or its id, if the
 * function returns a tenant relation's row type; or any uuid column whose name is a
 * foreign-key column somewhere in the catalog (student_id → user_profiles …). */
async function judgeFunctionRows(
  c: Reserved,
  fns: FunctionCandidate[],
  fnRows: Map<string, Map<string, FunctionCall>>,
  callers: Caller[],
  failures: FunctionFailure[],
): Promise<IsolationResult['functions']> {
  const refs = await c`
    select distinct a.attname::text as col, format('%I.%I', n.nspname, rc.relname) as rel, ra.attname::text as ref_col,
           case when rc.oid = to_regclass('public.institutions') then ra.attname::text else 'institution_id' end as school
    from pg_constraint as k
    join lateral unnest(k.conkey, k.confkey) as u(a1, a2) on true
    join pg_attribute as a on a.attrelid = k.conrelid and a.attnum = u.a1
    join pg_attribute as ra on ra.attrelid = k.confrelid and ra.attnum = u.a2
    join pg_class as rc on rc.oid = k.confrelid join pg_namespace as n on n.oid = rc.relnamespace
    where k.contype = 'f' and a.attname <> 'institution_id' and ra.attname <> 'institution_id'
      and (rc.oid = to_regclass('public.institutions')
           or exists (select 1 from pg_attribute as x where x.attrelid = rc.oid and x.attname = 'institution_id' and not x.attisdropped))`;
  const byColumn = new Map<string, { rel: string; refCol: string; school: string }[]>();
  for (const r of refs) byColumn.set(r.col, [...(byColumn.get(r.col) ?? []), { rel: r.rel, refCol: r.ref_col, school: r.school }]);
  const schoolOf = new Map<string, Set<string>>(); // rel|col|value → schools
  const resolve = async (rel: string, refCol: string, school: string, values: string[]) => {
    const todo = [...new Set(values)].filter((v) => !schoolOf.has(`${rel}|${refCol}|${v}`));
    if (!todo.length) return;
    const rows = await c.unsafe(
      `select ${ident(refCol)}::text as v, ${ident(school)}::text as s from ${rel} where ${ident(refCol)}::text = any($1::text[])`,
      [todo],
    );
    for (const v of todo) schoolOf.set(`${rel}|${refCol}|${v}`, new Set());
    for (const r of rows) schoolOf.get(`${rel}|${refCol}|${r.v}`)!.add(r.s as string);
  };
  const out: IsolationResult['functions'] = [];
  for (const fn of fns) {
    if (!fn.probe) {
      out.push({ function: fn.name, probed: false, why: fn.why });
      continue;
    }
    const rowRel = fn.rowOf
      ? ((
          await c`select format('%I.%I', n.nspname, c.relname) as q from pg_class as c join pg_namespace as n on n.oid = c.relnamespace where c.oid = ${fn.rowOf}::oid`
        )[0]?.q as string | undefined)
      : undefined;
    const perKind: Record<string, FunctionTally> = {};
    for (const caller of callers) {
      const call = fnRows.get(fn.name)?.get(caller.label);
      if (!call) continue;
      const rows = call.rows;
      const tally = perKind[caller.kind] ?? { returned: 0, foreign: 0, unmatched: 0, refused: 0 };
      perKind[caller.kind] = tally;
      tally.returned += rows.length;
      if (call.refused) {
        tally.refused += 1;
        tally.refusal ??= call.refused;
      }
      if (!rows.length) continue;
      const columns = Object.keys(rows[0]!);
      const lookups: { col: string; rel: string; refCol: string; school: string }[] = [];
      for (const col of columns) {
        if (col === 'institution_id') continue;
        if (col === 'id' && rowRel)
          lookups.push({ col, rel: rowRel, refCol: 'id', school: rowRel === 'public.institutions' ? 'id' : 'institution_id' });
        for (const ref of byColumn.get(col) ?? []) lookups.push({ col, ...ref });
      }
      for (const l of lookups)
        await resolve(
          l.rel,
          l.refCol,
          l.school,
          rows
            .map((r) => r[l.col])
            .filter((v) => v !== null && v !== undefined)
            .map(String),
        );
      let foreign = 0;
      for (const row of rows) {
        const found = new Set<string>();
        if (columns.includes('institution_id') && row.institution_id != null) found.add(String(row.institution_id));
        for (const l of lookups) {
          const v = row[l.col];
          if (v === null || v === undefined) continue;
          for (const s of schoolOf.get(`${l.rel}|${l.refCol}|${String(v)}`) ?? []) found.add(s);
        }
        if (!found.size) tally.unmatched += 1;
        else if (!caller.institutionId || [...found].some((s) => s !== caller.institutionId)) foreign += 1;
      }
      tally.foreign += foreign;
      if (foreign > 0)
        failures.push({
          function: fn.name,
          role: caller.kind,
          caller: caller.label,
          count: foreign,
          why: 'returned rows of another school',
        });
    }
    out.push({ function: fn.name, probed: true, rows: perKind });
  }
  return out;
}
