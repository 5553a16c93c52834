// Schema rollback, generically: compare the catalog now with the baseline snapshot and emit
// the statements that undo every difference — whatever migration made it, including ones
// written after this code. New objects are dropped, added columns removed, baseline
// policies, constraints, triggers, functions, RLS switches and grants put back, and the
// rolled-back versions removed from the CLI's migration history. Relation and type names in
// the catalog (catalog.sql) are already quoted where needed and go into the SQL as they are.
import type { Catalog } from './snapshot.ts';
import { byKey, quoteIdent, quoteLiteral, type RollbackStatement } from './quote.ts';
import { outsideTheSchema } from './outside-schema.ts';

export type { RollbackStatement } from './quote.ts';

/** Where the contract keeps the rows of tenant tables that had no school (20250901000620). */
const SET_ASIDE = 'private.rows_without_a_school';

export function rollbackPlan(baseline: Catalog, now: Catalog, baselineVersions: string[], nowVersions: string[]): RollbackStatement[] {
  const out: RollbackStatement[] = [];
  const baseRel = byKey(baseline.relations, (r) => r.name);
  const isBaseTable = (t: string) => baseRel.has(t);

  out.push(...outsideTheSchema(baseline, now));

  // A school's own settings rows exist only beside institution_id; the baseline's key is
  // unique for the whole database and could not be restored over them. Going back to one
  // set of settings for the database drops each school's copy (and its changes since).
  const hadColumn = (t: string) => baseline.columns.some((c) => c.table === t && c.column === 'institution_id');
  const hasColumn = (t: string) => now.columns.some((c) => c.table === t && c.column === 'institution_id');
  if (isBaseTable('public.system_settings') && !hadColumn('public.system_settings') && hasColumn('public.system_settings')) {
    out.push({
      sql: 'delete from public.system_settings where institution_id is not null',
      why: "each school's own settings rows: the baseline keeps one set for the whole database",
    });
  }

  // Policies on baseline tables that are new or changed go first (they may call new functions).
  const basePol = byKey(baseline.policies, (p) => `${p.table} ${p.name}`);
  const nowPol = byKey(now.policies, (p) => `${p.table} ${p.name}`);
  for (const p of now.policies) {
    if (!isBaseTable(p.table)) continue;
    const b = basePol.get(`${p.table} ${p.name}`);
    if (!b || JSON.stringify(b) !== JSON.stringify(p)) {
      out.push({ sql: `drop policy if exists ${quoteIdent(p.name)} on ${p.table}`, why: b ? 'policy changed' : 'policy is new' });
    }
  }
  const baseTrg = byKey(baseline.triggers, (t) => `${t.table} ${t.name}`);
  for (const t of now.triggers) {
    if (isBaseTable(t.table) && baseTrg.get(`${t.table} ${t.name}`)?.def !== t.def) {
      out.push({ sql: `drop trigger if exists ${quoteIdent(t.name)} on ${t.table}`, why: 'trigger is new or changed' });
    }
  }

  // New relations: views first, then tables (cascade takes their partitions, keys and
  // the foreign keys other new tables hold), then free-standing sequences. The rows the
  // contract set aside stay until their tables are in the baseline's shape again (below).
  const newRels = now.relations.filter((r) => !baseRel.has(r.name) && !r.partition && r.name !== SET_ASIDE);
  for (const kind of [
    ['v', 'view'],
    ['m', 'materialized view'],
    ['r', 'table'],
    ['p', 'table'],
    ['f', 'foreign table'],
    ['S', 'sequence'],
  ] as const) {
    for (const r of newRels.filter((x) => x.kind === kind[0])) {
      out.push({ sql: `drop ${kind[1]} if exists ${r.name} cascade`, why: `${kind[1]} is new` });
    }
  }

  const baseCon = byKey(baseline.constraints, (c) => `${c.table} ${c.name}`);
  const nowCon = now.constraints.filter((c) => isBaseTable(c.table));
  // Foreign keys before the unique keys they may point at.
  for (const c of [...nowCon].sort((a, b) => Number(b.type === 'f') - Number(a.type === 'f'))) {
    const b = baseCon.get(`${c.table} ${c.name}`);
    if (!b || b.def !== c.def) {
      out.push({
        sql: `alter table ${c.table} drop constraint if exists ${quoteIdent(c.name)} cascade`,
        why: b ? 'constraint changed' : 'constraint is new',
      });
    }
  }

  const baseFn = byKey(baseline.functions, (f) => f.signature);
  for (const f of now.functions.filter((x) => !baseFn.has(x.signature))) {
    const what = f.kind === 'p' ? 'procedure' : f.kind === 'a' ? 'aggregate' : 'function';
    out.push({ sql: `drop ${what} if exists ${f.signature} cascade`, why: `${what} is new` });
  }
  for (const t of now.types.filter((x) => !baseline.types.includes(x))) {
    out.push({ sql: `drop type if exists ${t} cascade`, why: 'type is new' });
  }

  const baseIdx = byKey(baseline.indexes, (i) => i.name);
  for (const i of now.indexes.filter((x) => isBaseTable(x.table))) {
    const b = baseIdx.get(i.name);
    if (!b || b.def !== i.def) {
      out.push({ sql: `drop index concurrently if exists ${i.name}`, concurrently: true, why: b ? 'index changed' : 'index is new' });
    }
  }

  const baseCol = byKey(baseline.columns, (c) => `${c.table} ${c.column}`);
  for (const c of now.columns.filter((x) => isBaseTable(x.table))) {
    const b = baseCol.get(`${c.table} ${c.column}`);
    if (!b) {
      out.push({
        sql: `alter table ${c.table} drop column if exists ${quoteIdent(c.column)}`,
        why: 'column is new (catalog-only drop, no rewrite)',
      });
      continue;
    }
    if (b.not_null !== c.not_null) {
      out.push({
        sql: `alter table ${c.table} alter column ${quoteIdent(c.column)} ${b.not_null ? 'set' : 'drop'} not null`,
        why: 'nullability changed',
      });
    }
    if (b.default !== c.default) {
      out.push({
        sql: `alter table ${c.table} alter column ${quoteIdent(c.column)} ${b.default ? `set default ${b.default}` : 'drop default'}`,
        why: 'default changed',
      });
    }
  }

  if (now.relations.some((r) => r.name === SET_ASIDE)) {
    for (const table of ['public.user_permissions', 'public.timetable_conflicts'].filter(isBaseTable)) {
      out.push({
        sql: `insert into ${table} select (jsonb_populate_record(null::${table}, s.row)).* from ${SET_ASIDE} as s where s.table_name = ${quoteLiteral(table)}`,
        why: 'rows the contract set aside for having no school, back in their table',
      });
    }
    out.push({ sql: `drop table if exists ${SET_ASIDE}`, why: 'table is new' });
  }

  for (const e of now.extensions.filter((x) => !baseline.extensions.includes(x))) {
    out.push({ sql: `drop extension if exists ${quoteIdent(e)} cascade`, why: 'extension is new' });
  }
  for (const s of now.schemas.filter((x) => !baseline.schemas.includes(x))) {
    out.push({ sql: `drop schema if exists ${quoteIdent(s)} cascade`, why: 'schema is new' });
  }

  // Put the baseline back where it was changed or dropped.
  for (const f of baseline.functions) {
    const n = now.functions.find((x) => x.signature === f.signature);
    if (f.def && (!n || n.def !== f.def)) out.push({ sql: f.def, why: `function ${f.signature} restored` });
  }
  const nowConKey = byKey(now.constraints, (c) => `${c.table} ${c.name}`);
  // Keys before the foreign keys that point at them: the contract moved primary keys to
  // (institution_id, id), so a baseline foreign key by id needs its parent's key back first.
  for (const c of [...baseline.constraints].sort((a, b) => Number(a.type === 'f') - Number(b.type === 'f'))) {
    const n = nowConKey.get(`${c.table} ${c.name}`);
    if (!n || n.def !== c.def) {
      out.push({ sql: `alter table ${c.table} add constraint ${quoteIdent(c.name)} ${c.def}`, why: 'baseline constraint restored' });
    }
  }
  const nowIdx = byKey(now.indexes, (i) => i.name);
  for (const i of baseline.indexes) {
    if (nowIdx.get(i.name)?.def !== i.def) {
      out.push({
        sql: i.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY '),
        concurrently: true,
        why: 'baseline index restored',
      });
    }
  }
  const nowTrg = byKey(now.triggers, (t) => `${t.table} ${t.name}`);
  for (const t of baseline.triggers) {
    if (nowTrg.get(`${t.table} ${t.name}`)?.def !== t.def) out.push({ sql: t.def, why: 'baseline trigger restored' });
  }
  for (const p of baseline.policies) {
    const n = nowPol.get(`${p.table} ${p.name}`);
    if (!n || JSON.stringify(n) !== JSON.stringify(p)) out.push({ sql: createPolicy(p), why: 'baseline policy restored' });
  }
  const nowRel = byKey(now.relations, (r) => r.name);
  for (const r of baseline.relations) {
    const n = nowRel.get(r.name);
    if (!n) continue;
    if (n.rls !== r.rls)
      out.push({ sql: `alter table ${r.name} ${r.rls ? 'enable' : 'disable'} row level security`, why: 'RLS switch restored' });
    if (n.force_rls !== r.force_rls)
      out.push({ sql: `alter table ${r.name} ${r.force_rls ? 'force' : 'no force'} row level security`, why: 'FORCE RLS restored' });
    if (JSON.stringify(n.grants) !== JSON.stringify(r.grants)) out.push(...regrant('table', r.name, n.grants, r.grants));
  }
  const colKey = (g: Catalog['column_grants'][number]) => `${g.table} ${g.column} ${g.grantee} ${g.privilege}`;
  const baseColGrants = new Set((baseline.column_grants ?? []).map(colKey));
  const nowColGrants = new Set((now.column_grants ?? []).map(colKey));
  const colRole = (r: string) => (r === 'public' ? 'public' : quoteIdent(r));
  for (const g of (now.column_grants ?? []).filter((x) => baseCol.has(`${x.table} ${x.column}`) && !baseColGrants.has(colKey(x)))) {
    out.push({
      sql: `revoke ${g.privilege.toLowerCase()} (${quoteIdent(g.column)}) on table ${g.table} from ${colRole(g.grantee)}`,
      why: 'column privilege added since the baseline',
    });
  }
  for (const g of (baseline.column_grants ?? []).filter((x) => !nowColGrants.has(colKey(x)))) {
    out.push({
      sql: `grant ${g.privilege.toLowerCase()} (${quoteIdent(g.column)}) on table ${g.table} to ${colRole(g.grantee)}`,
      why: 'column privilege restored',
    });
  }
  for (const f of baseline.functions) {
    const n = now.functions.find((x) => x.signature === f.signature);
    // A function dropped and restored above gets default privileges: reset it as well.
    const current = n?.grants ?? ['public', 'anon', 'authenticated', 'service_role'].map((grantee) => ({ grantee, privilege: 'EXECUTE' }));
    if (JSON.stringify(current) !== JSON.stringify(f.grants)) out.push(...regrant('function', f.signature, current, f.grants));
  }

  // Default privileges (Supabase's grants on new objects; revoke-by-default changes them).
  type DefaultAcl = Catalog['default_acls'][number];
  const defKey = (d: DefaultAcl) => `${d.role} ${d.schema} ${d.objtype} ${d.grantee} ${d.privilege}`;
  const baseDef = new Set((baseline.default_acls ?? []).map(defKey));
  const nowDef = new Set((now.default_acls ?? []).map(defKey));
  const objects: Record<string, string> = { r: 'tables', S: 'sequences', f: 'functions', T: 'types', n: 'schemas' };
  const defaults = (d: DefaultAcl, verb: 'grant' | 'revoke') =>
    `alter default privileges for role ${quoteIdent(d.role)}${d.schema ? ` in schema ${quoteIdent(d.schema)}` : ''} ` +
    `${verb} ${d.privilege.toLowerCase()} on ${objects[d.objtype]} ${verb === 'grant' ? 'to' : 'from'} ${d.grantee === 'public' ? 'public' : quoteIdent(d.grantee)}`;
  for (const d of (now.default_acls ?? []).filter((x) => !baseDef.has(defKey(x))))
    out.push({ sql: defaults(d, 'revoke'), why: 'default privilege added since the baseline' });
  for (const d of (baseline.default_acls ?? []).filter((x) => !nowDef.has(defKey(x))))
    out.push({ sql: defaults(d, 'grant'), why: 'default privilege restored' });

  const extra = nowVersions.filter((v) => !baselineVersions.includes(v));
  if (baseline.history_table === false && now.history_table) {
    out.push({ sql: 'drop schema supabase_migrations cascade', why: 'migration history: the CLI created it; there was none before' });
  } else if (extra.length) {
    out.push({
      sql: `delete from supabase_migrations.schema_migrations where version in (${extra.map(quoteLiteral).join(', ')})`,
      why: `migration history: ${extra.length} rolled-back versions removed`,
    });
  }
  return out;
}

function createPolicy(p: Catalog['policies'][number]): string {
  const roles = p.roles.map((r) => (r === 'public' ? 'public' : quoteIdent(r))).join(', ');
  return (
    `create policy ${quoteIdent(p.name)} on ${p.table} as ${p.permissive.toLowerCase()} for ${p.cmd.toLowerCase()} to ${roles}` +
    (p.qual ? ` using (${p.qual})` : '') +
    (p.with_check ? ` with check (${p.with_check})` : '')
  );
}

type Grant = Catalog['relations'][number]['grants'][number];
/** Every grantee's privileges revoked and the baseline's granted again in the baseline's
 * order: the ACL then reads exactly as before (pg_dump prints it in that order), which the
 * dump comparison checks. `revoke all` also clears column privileges added since. All of
 * it is ONE statement (one transaction): the application never sees the table without its
 * grants (run one by one, they made a live workload fail with "permission denied" for a
 * moment). */
function regrant(kind: 'table' | 'function', name: string, now: Grant[], base: Grant[]): RollbackStatement[] {
  const role = (g: string) => (g === 'public' ? 'public' : quoteIdent(g));
  const grantees = [...new Set([...base, ...now].map((g) => g.grantee))];
  const statements = [
    ...grantees.map((g) => `revoke all on ${kind} ${name} from ${role(g)}`),
    ...base.map(
      (g) => `grant ${g.privilege.toLowerCase()} on ${kind} ${name} to ${role(g.grantee)}${g.grantable ? ' with grant option' : ''}`,
    ),
  ];
  return [{ sql: statements.join(';\n'), why: `privileges of ${name} reset to the baseline, atomically` }];
}
