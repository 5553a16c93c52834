// Functions the API roles may call without arguments: called as each caller, and the rows
// they return matched back to schools (as postgres).
import type { Caller, FunctionFailure, FunctionTally, IsolationResult, Relation } from './types.ts';
import { ident, type Reserved } from './sql.ts';

export interface FunctionCall {
  rows: Record<string, unknown>[];
  refused?: string;
}

export interface FunctionCandidate {
  name: string;
  call: string;
  executableBy: ('anon' | 'authenticated')[];
  probe: boolean;
  why?: string;
  /** The relation whose row type it returns, if any. */
  rowOf: number | null;
}

export async function functionCandidates(c: Reserved, schemas: string[], relations: Relation[]): Promise<FunctionCandidate[]> {
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
export async function judgeFunctionRows(
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
