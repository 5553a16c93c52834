// The handlers of hpc-class-sheet: validated input in, the database's answer out. The CSV
// file is read strictly (sheet-csv.ts); its cells then go through the same database call as
// the JSON route, so a file and a JSON body are checked by the same rules.
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../_shared/auth.ts';
import { ApiError } from '../_shared/errors.ts';
import { type CellProblem, readSheet, saveCells } from './queries.ts';
import type * as routes from './routes.ts';
import { csvToCells, decodeCsv, MAX_FILE_BYTES, placeProblems, sheetToCsv, UnreadableFile } from './sheet-csv.ts';

/** A refused sheet's problems, from the database's 422 (details: the problems as JSON). */
function cellProblems(error: unknown): CellProblem[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  const detail = (error.details as { detail?: string } | undefined)?.detail;
  try {
    const problems = detail ? JSON.parse(detail) : undefined;
    return Array.isArray(problems) ? problems as CellProblem[] : undefined;
  } catch {
    return undefined;
  }
}

export const save: RouteHandler<typeof routes.save, AppEnv> = async (c) => {
  const { cycleId, sectionId } = c.req.valid('param');
  const { cells, dry_run } = c.req.valid('json');
  try {
    return c.json(await saveCells(c.var.caller, cycleId, sectionId, cells, dry_run ?? false), 200);
  } catch (error) {
    const problems = cellProblems(error);
    if (problems) throw new ApiError(422, 'invalid_cells', (error as ApiError).message, { problems });
    throw error;
  }
};

export const download: RouteHandler<typeof routes.download, AppEnv> = async (c) => {
  const { cycleId, sectionId } = c.req.valid('param');
  const sheet = await readSheet(c.var.caller, cycleId, sectionId);
  const name = `class-sheet-${sheet.section.name}-${sheet.cycle.name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return c.body(`\uFEFF${sheetToCsv(sheet)}`, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
  });
};

export const upload: RouteHandler<typeof routes.upload, AppEnv> = async (c) => {
  const { cycleId, sectionId } = c.req.valid('param');
  const dryRun = c.req.valid('query').dry_run === 'true';
  if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Upload the class sheet as text/csv.');
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_FILE_BYTES) throw new ApiError(413, 'file_too_large', 'A class sheet file may be at most 2 MB.');

  const sheet = await readSheet(c.var.caller, cycleId, sectionId);
  let imported;
  try {
    imported = csvToCells(decodeCsv(bytes), sheet);
  } catch (error) {
    if (error instanceof UnreadableFile) throw new ApiError(422, 'unreadable_file', error.message);
    throw error;
  }
  // The file's own problems and the database's (in a dry run of the cells that could be read).
  const checked = await saveCells(c.var.caller, cycleId, sectionId, imported.cells, true);
  const problems = [...imported.problems, ...placeProblems(imported, checked.problems)];
  if (dryRun) return c.json({ ...checked, problems }, 200);
  if (problems.length > 0) {
    throw new ApiError(422, 'invalid_file', `${problems.length} problems in the file; nothing was saved.`, { problems });
  }
  return c.json({ ...(await saveCells(c.var.caller, cycleId, sectionId, imported.cells, false)), problems: [] }, 200);
};
