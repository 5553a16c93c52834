// What hpc-class-sheet asks the database, always as the caller: the sheet as
// public.hpc_class_sheet reads it under RLS, and public.hpc_save_class_sheet, which checks
// every cell and writes all of them or none.
import type { Caller } from '../_shared/auth.ts';
import { oneRowAsCaller } from '../_shared/as-caller.ts';
import { sql } from '../_shared/db.ts';
import type { Sheet } from './sheet-csv.ts';

export interface SaveCounts {
  cells: number;
  inserted: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
}
export interface CellProblem {
  cell: number;
  field: string | null;
  message: string;
}

export async function readSheet(caller: Caller, cycleId: string, sectionId: string): Promise<Sheet> {
  const row = await oneRowAsCaller(caller, sql`select public.hpc_class_sheet(${cycleId}, ${sectionId}) as sheet`);
  return row.sheet as Sheet;
}

export async function saveCells(
  caller: Caller,
  cycleId: string,
  sectionId: string,
  cells: unknown[],
  dryRun: boolean,
): Promise<SaveCounts & { problems: CellProblem[] }> {
  const row = await oneRowAsCaller(
    caller,
    sql`
    select r.cells::int as cells, r.inserted::int as inserted, r.updated::int as updated, r.unchanged::int as unchanged,
           r.dry_run, r.problems
    from public.hpc_save_class_sheet(${cycleId}, ${sectionId}, ${JSON.stringify(cells)}::jsonb, ${dryRun}) as r`,
  );
  return row as unknown as SaveCounts & { problems: CellProblem[] };
}
