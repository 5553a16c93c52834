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
//
// This file prepares as postgres and runs one round per caller; what a round does is in
// caller-round.ts.
import type { Sql } from '../../db.ts';
import { defaultIsolationOptions, type IsolationOptions, type IsolationResult, type ProbeRow, type Relation } from './types.ts';
import { message, run, type Reserved } from './sql.ts';
import { catalog, exposedSchemas } from './catalog.ts';
import { findCallers, institutionsOf } from './callers.ts';
import { buildSchoolMap, probeRows } from './probe-rows.ts';
import { Privileges } from './write-probes.ts';
import { functionCandidates, judgeFunctionRows, type FunctionCall } from './functions.ts';
import { configuredPreRequest, runPreRequest } from '../pre-request.ts';
import { isolationReport, judgeNoTenantPath, unpinnedSecurityDefiners, type Tallies } from './summary.ts';
import { callEveryFunction, readEveryRelation, type Round, writeEveryRelation } from './caller-round.ts';

export { defaultIsolationOptions, type IsolationOptions, type IsolationResult } from './types.ts';

/** As postgres, before any caller: row counts, school maps, and which relations take writes. */
async function prepare(
  c: Reserved,
  checked: Relation[],
  errors: string[],
  writesNotProbed: Tallies['writesNotProbed'],
): Promise<Relation[]> {
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
  return writable;
}

export async function proveIsolation(sql: Sql, options: IsolationOptions = defaultIsolationOptions()): Promise<IsolationResult> {
  const schemas = await exposedSchemas(sql);
  const { relations, rootOid } = await catalog(sql, schemas, options.maxHops);
  const schools = await institutionsOf(sql, options.maxInstitutions);
  const callers = await findCallers(sql, schools);
  const schoolLabel = new Map(schools.map((s) => [s.id, s.label]));
  const allSchools = (await sql`select id::text from public.institutions`).map((r) => r.id as string);
  const errors: string[] = [];
  const checked = relations.filter((r) => !r.skipped);
  const failures: IsolationResult['failures'] = { visibility: [], writes: [], functions: [] };
  const tallies: Tallies = { rowsChecked: 0, rowsVisible: 0, writeProbes: 0, writeOutcomes: {}, perTable: {}, writesNotProbed: [] };
  const noPathVisible = new Map<string, Record<string, number>>();

  const c = await sql.reserve();
  try {
    const [scs] = await c`select current_setting('standard_conforming_strings') as v`;
    if (scs!.v !== 'on') throw new Error('standard_conforming_strings is off: the probes quote literals the standard way');
    const writable = await prepare(c, checked, errors, tallies.writesNotProbed);
    const probes = new Map<Relation, Map<string, ProbeRow>>();
    for (const rel of writable) {
      probes.set(rel, await probeRows(c, rel, allSchools));
      if (probes.get(rel)!.size === 0) tallies.writesNotProbed.push({ table: rel.name, why: 'no row of any school to aim at' });
    }
    const fnCandidates = await functionCandidates(c, schemas, relations);
    const privileges = new Privileges(c);
    const fnRows = new Map<string, Map<string, FunctionCall>>(); // function → caller → what it returned

    const preRequest = await configuredPreRequest(c);
    for (const caller of callers) {
      // Impersonated as PostgREST does it: a transaction, the claims, `set local role`, the
      // pre-request function.
      const claims = JSON.stringify(caller.userId ? { sub: caller.userId, role: 'authenticated' } : { role: 'anon' });
      const round: Round = { c, caller, asCaller: `set local role ${caller.role}`, options, failures, tallies, noPathVisible };
      await c.unsafe('begin');
      try {
        await c.unsafe(`set local statement_timeout = '30s'`);
        await c.unsafe(`set local lock_timeout = '2s'`);
        await c`select set_config('request.jwt.claims', ${claims}, true)`;
        await runPreRequest(c, preRequest);
        await readEveryRelation(round, checked);
        const others = allSchools.filter((s) => s !== caller.institutionId).slice(0, options.maxForeignSchools ?? Infinity);
        await writeEveryRelation(round, writable, probes, others, privileges, schoolLabel);
        await callEveryFunction(round, fnCandidates, fnRows);
      } finally {
        await c.unsafe('rollback');
      }
    }

    // Function rows, matched back to schools as postgres.
    const functions = await judgeFunctionRows(c, fnCandidates, fnRows, callers, failures.functions);
    const unpinnedSecurityDefiner = await unpinnedSecurityDefiners(c, schemas);
    for (const f of unpinnedSecurityDefiner) {
      failures.functions.push({
        function: f,
        role: 'anon/authenticated',
        caller: '-',
        count: 0,
        why: 'SECURITY DEFINER, executable by an API role, search_path not pinned (proconfig)',
      });
    }
    const noTenantPath = judgeNoTenantPath(checked, noPathVisible, callers, options, failures);
    if (!callers.some((x) => x.role === 'authenticated')) errors.push('no person of any school to impersonate');
    return isolationReport({
      relations,
      rootOid,
      schemas,
      callers,
      institutions: schools.length,
      options,
      failures,
      tallies,
      functions,
      functionsProbed: fnCandidates.filter((f) => f.probe).length,
      noTenantPath,
      unpinnedSecurityDefiner,
      errors,
    });
  } finally {
    await c.unsafe('discard temp').catch(() => {});
    c.release();
  }
}
