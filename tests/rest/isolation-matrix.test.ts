// A sample of the role matrix (security/role-matrix.ts) through the real request path:
// supabase-js → gateway → PostgREST → RLS. For each role of one school (Vidya Niketan's
// demo users), every table of the matrix is read, and one update (the matrix's own
// `col = col`) is aimed at another school's row of each. No row of another school may come
// back, and none may change: the row's xmin is compared, which any update would move, even
// one that writes the same value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import type { Database } from '../../supabase/functions/_shared/database.types.ts';
import { MATRIX, type Role, type TableRules } from '../../security/role-matrix.ts';
import { sql as connect } from '../support/test-stack.ts';
import { userClient } from './support/rest.ts';
import { AARAV, FARHAN, KAVITA, MEERA, RAJESH, SUNITA, VIDYA_NIKETAN } from './support/people.ts';

type Table = keyof Database['public']['Tables'];
type Row = Record<string, unknown>;

/** Who plays each signed-in role of the matrix at Vidya Niketan. */
const PLAYERS: Record<Exclude<Role, 'anon' | 'service_role'>, string> = {
  student: AARAV,
  parent: KAVITA,
  teacher: MEERA,
  coordinator: FARHAN,
  principal: SUNITA,
  institution_admin: RAJESH,
};

/** The column that holds a row's school, from the matrix's scope (`institution_id = {institution}`). */
function tenantColumn(t: TableRules): string {
  const match = /^(\w+) = \{institution\}$/.exec(t.scope);
  if (!match) throw new Error(`${t.table}: scope "${t.scope}" does not name its school column.`);
  return match[1]!;
}

/** The column the matrix's update writes (`col = col`). */
function updatedColumn(t: TableRules): string {
  const match = /^(\w+) = \1$/.exec(t.update.set);
  if (!match) throw new Error(`${t.table}: update "${t.update.set}" is not col = col.`);
  return match[1]!;
}

let db: postgres.Sql;
/** Per table: its primary key, and one row of another school (key values, the updated column's value). */
const targets = new Map<string, { key: Row; value: unknown }>();

async function xmin(table: string, key: Row): Promise<string> {
  // Compared in the JSON form the key was read in (a timestamp keeps its exact text).
  const where = Object.keys(key)
    .map((column, i) => `to_jsonb(${column}) = $${i + 1}::jsonb`)
    .join(' and ');
  const values = Object.values(key).map((v) => db.json(v as postgres.JSONValue));
  const [row] = await db.unsafe<[{ xmin: string }]>(`select xmin::text from public.${table} where ${where}`, values as never[]);
  if (!row) throw new Error(`${table}: no row ${JSON.stringify(key)}`);
  return row.xmin;
}

beforeAll(async () => {
  db = connect();
  for (const t of MATRIX) {
    const keyColumns = (
      await db<{ column: string }[]>`
      select a.attname as column from pg_index as i join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
      where i.indrelid = ${`public.${t.table}`}::regclass and i.indisprimary order by a.attnum`
    ).map((c) => c.column);
    const column = updatedColumn(t);
    const [row] = await db.unsafe<[{ key: Row; value: unknown }]>(
      `select jsonb_build_object(${keyColumns.map((c) => `'${c}', ${c}`).join(', ')}) as key, to_jsonb(${column}) as value
       from public.${t.table} where ${tenantColumn(t)} <> $1 order by 1 limit 1`,
      [VIDYA_NIKETAN],
    );
    if (row) targets.set(t.table, row);
  }
});
afterAll(async () => {
  await db.end();
});

// The seed gives every table of the matrix rows at more than one school, so that each read
// and each update below can fail.
it('the sample holds every table of the matrix, with a row of another school', () => {
  expect(MATRIX.map((t) => t.table).filter((t) => !targets.has(t))).toEqual([]);
  expect(targets.size).toBe(MATRIX.length);
});

describe.each(Object.entries(PLAYERS))('as the %s', (role, email) => {
  it('reads every table of the matrix and gets rows of no other school', async () => {
    const client = userClient(email);
    const leaks: string[] = [];
    const readable: string[] = [];
    for (const t of MATRIX) {
      const { data, error } = await client.from(t.table as Table).select('*');
      if (error) {
        // A table closed to the role altogether is isolated too; anything else is a failure.
        expect(error.code, `${role} reading ${t.table}: ${error.message}`).toBe('42501');
        continue;
      }
      if (data.length > 0) readable.push(t.table);
      const column = tenantColumn(t);
      // Rows without a school (BIG DAY's shared groups and settings) belong to no other school.
      const foreign = (data as Row[]).filter((row) => row[column] !== null && row[column] !== VIDYA_NIKETAN);
      if (foreign.length > 0) leaks.push(`${t.table}: ${foreign.length} rows of another school`);
    }
    expect(leaks).toEqual([]);
    expect(readable.length, `${role} reads rows of its own school`).toBeGreaterThan(0);
  });

  it("updates no other school's row of any table", async () => {
    const client = userClient(email);
    const changed: string[] = [];
    for (const t of MATRIX) {
      const target = targets.get(t.table);
      if (!target) throw new Error(`${t.table}: no row of another school to aim at`);
      const before = await xmin(t.table, target.key);
      let query = client.from(t.table as Table).update({ [updatedColumn(t)]: target.value } as never);
      for (const [column, value] of Object.entries(target.key)) query = query.eq(column as never, value as never);
      const { data, error } = await query.select();
      if (error) expect(error.code, `${role} updating ${t.table}: ${error.message}`).toBe('42501');
      else if (data.length > 0) changed.push(`${t.table}: the update answered ${data.length} rows`);
      if ((await xmin(t.table, target.key)) !== before) changed.push(`${t.table}: the row was rewritten`);
    }
    expect(changed).toEqual([]);
  });
});
