// What one impersonated caller does inside its transaction (rolled back by proveIsolation):
// read every relation and judge each row it reaches by its school, aim UPDATE, DELETE and
// INSERT at one row of every other school per relation, and call every API function; the
// findings go into the round's failures and tallies.
import type { Caller, Cell, IsolationOptions, IsolationResult, ProbeRow, Relation } from './types.ts';
import { code, firstError, message, pipeline, value, type Reserved } from './sql.ts';
import { judgeRead } from './reads.ts';
import { type Privileges, writeProbe } from './write-probes.ts';
import type { FunctionCall, FunctionCandidate } from './functions.ts';
import type { Tallies } from './summary.ts';

/** What one caller's transaction needs beside the connection. */
export interface Round {
  c: Reserved;
  caller: Caller;
  asCaller: string;
  options: IsolationOptions;
  failures: IsolationResult['failures'];
  tallies: Tallies;
  noPathVisible: Map<string, Record<string, number>>;
}

function cell(tallies: Tallies, table: string, kind: string): Cell {
  const byKind = tallies.perTable[table] ?? {};
  tallies.perTable[table] = byKind;
  const found = byKind[kind] ?? { visible: 0, foreign: 0, writable: 0, probes: 0 };
  byKind[kind] = found;
  return found;
}

/** Every relation read as the caller; each row it reaches is judged by its school. */
export async function readEveryRelation(round: Round, checked: Relation[]): Promise<void> {
  const { caller, failures, tallies } = round;
  for (const rel of checked) {
    if (rel.skipped) continue;
    tallies.rowsChecked += rel.totalRows;
    const { visible, foreign, problem } = await judgeRead(round.c, rel, caller, round.asCaller, round.options);
    if (problem) failures.visibility.push({ table: rel.name, role: caller.kind, caller: caller.label, ...problem });
    tallies.rowsVisible += visible;
    const x = cell(tallies, rel.name, caller.kind);
    x.visible += visible;
    x.foreign += foreign;
    if (rel.judged === 'none') {
      const seen = round.noPathVisible.get(rel.name) ?? {};
      seen[caller.label] = visible;
      round.noPathVisible.set(rel.name, seen);
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
}

/** One row of each other school per relation: UPDATE, DELETE and INSERT aimed at it. */
export async function writeEveryRelation(
  round: Round,
  writable: Relation[],
  probes: Map<Relation, Map<string, ProbeRow>>,
  others: string[],
  privileges: Privileges,
  schoolLabel: Map<string, string>,
): Promise<void> {
  const { caller, failures, tallies } = round;
  for (const rel of writable) {
    for (const school of others) {
      const row = probes.get(rel)!.get(school);
      if (!row) continue;
      for (const op of ['update', 'delete', 'insert'] as const) {
        const result = await writeProbe(round.c, rel, row, op, caller, round.asCaller, privileges);
        if (!result) continue;
        tallies.writeProbes += 1;
        const tallyKey = `${op}: ${result.category}`;
        tallies.writeOutcomes[tallyKey] = (tallies.writeOutcomes[tallyKey] ?? 0) + 1;
        const x = cell(tallies, rel.name, caller.kind);
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
}

/** Functions callable through the API with their defaults, called as the caller. */
export async function callEveryFunction(
  round: Round,
  fnCandidates: FunctionCandidate[],
  fnRows: Map<string, Map<string, FunctionCall>>,
): Promise<void> {
  const { c, caller } = round;
  for (const fn of fnCandidates) {
    if (!fn.probe || !fn.executableBy.includes(caller.role)) continue;
    const byCaller = fnRows.get(fn.name) ?? new Map<string, FunctionCall>();
    fnRows.set(fn.name, byCaller);
    const call = await pipelineCall(c, round.asCaller, `select * from ${fn.call} limit ${round.options.maxFunctionRows}`);
    // A function that refuses the caller (it checks and raises) returns no rows: no leak.
    byCaller.set(caller.label, call);
  }
}

async function pipelineCall(c: Reserved, asCaller: string, query: string): Promise<FunctionCall> {
  const call = await pipeline(c, ['savepoint iso_fn', asCaller, query, 'rollback to savepoint iso_fn']);
  const error = firstError(call);
  return error ? { rows: [], refused: `${code(error)} ${message(error)}` } : { rows: [...value(call[2]!)!] as Record<string, unknown>[] };
}
