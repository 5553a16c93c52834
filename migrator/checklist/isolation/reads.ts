// A read as the caller: how many rows of a relation it sees, and how many of those belong to
// another school (judged by the row's institution_id or by its links' school map).
import type { Caller, IsolationOptions, Relation } from './types.ts';
import { code, firstError, ident, lit, message, pipeline, value, type Reserved } from './sql.ts';
import { mapJoin } from './probe-rows.ts';

export interface ReadJudgement {
  visible: number;
  foreign: number;
  /** Why the read fails the check apart from foreign rows (an error, an unjudgeable row). */
  problem?: { count: number; why: string };
}

function countQuery(rel: Relation, me: string | null, options: IsolationOptions): string {
  const sharedNulls = rel.judged === 'direct' && options.sharedTables[rel.name] !== undefined;
  const foreignWhen = (school: string) =>
    sharedNulls
      ? me
        ? `(${school} is not null and ${school} <> ${lit(me)})`
        : `${school} is not null`
      : me
        ? `(${school} is null or ${school} <> ${lit(me)})`
        : 'true';
  if (rel.judged === 'direct') {
    return `select count(*)::int8 as visible, count(*) filter (where ${foreignWhen(`t.${ident(rel.schoolColumn!)}::text`)})::int8 as foreign from ${rel.sqlName} as t`;
  }
  if (rel.judged === 'links') {
    return `select count(*)::int8 as visible, count(*) filter (where m.schools is null or cardinality(m.schools) = 0 or ${me ? `not (m.schools <@ array[${lit(me)}]::text[])` : 'true'})::int8 as foreign
            from ${rel.sqlName} as t left join ${rel.mapTable} as m on ${mapJoin(rel)}`;
  }
  return `select count(*)::int8 as visible, 0::int8 as foreign from ${rel.sqlName} as t`;
}

export async function judgeRead(
  c: Reserved,
  rel: Relation,
  caller: Caller,
  asCaller: string,
  options: IsolationOptions,
): Promise<ReadJudgement> {
  const read = await pipeline(c, [
    'savepoint iso_read',
    asCaller,
    countQuery(rel, caller.institutionId, options),
    'rollback to savepoint iso_read',
  ]);
  const error = firstError(read);
  if (!error) {
    const [row] = value(read[2]!)!;
    return { visible: Number(row!.visible), foreign: Number(row!.foreign) };
  }
  if (code(error) !== '42501') return { visible: 0, foreign: 0, problem: { count: 0, why: `could not read: ${message(error)}` } };
  // No privilege on the columns the judgement reads: does the caller see rows at all?
  const plain = await pipeline(c, [
    'savepoint iso_read',
    asCaller,
    `select count(*)::int8 as n from ${rel.sqlName}`,
    'rollback to savepoint iso_read',
  ]);
  const visible = firstError(plain) ? 0 : Number(value(plain[2]!)![0]!.n);
  if (visible > 0 && rel.judged !== 'none') {
    return {
      visible,
      foreign: 0,
      problem: { count: visible, why: 'rows visible whose school cannot be judged: the caller may not read the key or school columns' },
    };
  }
  return { visible, foreign: 0 };
}
