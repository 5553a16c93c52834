// A replayed write as statements shaped like PostgREST's: the body goes in as one JSON
// parameter and is read back with json_populate_record, so exactly the columns the app sends
// are written. Each step says who sends it; the replay sets that role and its claims first.
import { randomUUID } from 'node:crypto';
import type { School } from './school.ts';

export type AppClient = 'browser' | 'service';
export type AppWriteOp = 'INSERT' | 'UPDATE' | 'DELETE' | 'UPSERT' | 'DELETE+INSERT';

export interface Step {
  /** Who sends it; undefined: the caller's own role (setup, e.g. the auth user GoTrue made). */
  as?: AppClient;
  method?: 'POST' | 'PATCH' | 'DELETE';
  sql: string;
  params?: unknown[];
}

/** A row as the browser loaded it (select *), as JSON. */
export type RowLoader = (table: string, id: string) => Promise<Record<string, unknown>>;

export interface Write {
  name: string;
  client: AppClient;
  table: string;
  op: AppWriteOp;
  steps: (s: School, load: RowLoader) => Promise<Step[]> | Step[];
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** An upsert without `on_conflict`: PostgREST resolves it on the table's primary key, whatever
 * its columns are at that moment, (id) before the contract and (institution_id, id) after it.
 * The key is named `<table>_pkey` throughout (BIG DAY's default name, kept by the contract). */
export const PRIMARY_KEY = 'primary key';

/** PostgREST-shaped statements: the body as one json parameter. */
export function insert(table: string, body: Record<string, unknown>, onConflict?: string[] | typeof PRIMARY_KEY): Step {
  const cols = Object.keys(body).map(ident).join(', ');
  const target = onConflict === PRIMARY_KEY ? `on constraint ${ident(`${table}_pkey`)}` : `(${onConflict?.map(ident).join(', ')})`;
  const upsert = onConflict
    ? ` on conflict ${target} do update set ${Object.keys(body)
        .map((c) => `${ident(c)} = excluded.${ident(c)}`)
        .join(', ')}`
    : '';
  return {
    method: 'POST',
    sql: `insert into public.${ident(table)} (${cols}) select ${cols} from json_populate_record(null::public.${ident(table)}, $1::text::json)${upsert}`,
    params: [JSON.stringify(body)],
  };
}

export function update(table: string, body: Record<string, unknown>, where: string, whereParams: unknown[] = []): Step {
  const sets = Object.keys(body)
    .map((c) => `${ident(c)} = pgrst_body.${ident(c)}`)
    .join(', ');
  const shifted = where.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + 1}`);
  return {
    method: 'PATCH',
    sql:
      `update public.${ident(table)} as t set ${sets} from json_populate_record(null::public.${ident(table)}, $1::text::json) as pgrst_body` +
      (where ? ` where ${shifted}` : ''),
    params: [JSON.stringify(body), ...whereParams],
  };
}

export function remove(table: string, where: string, params: unknown[]): Step {
  return { method: 'DELETE', sql: `delete from public.${ident(table)} as t where ${where}`, params };
}

export const browser = (step: Step): Step => ({ ...step, as: 'browser' });
export const service = (step: Step): Step => ({ ...step, as: 'service' });
export const now = () => new Date().toISOString();
export const tag = () => randomUUID().slice(0, 8);
