// The class sheet's requests and answers.
import { z } from '@hono/zod-openapi';
import { Id, text } from '../_shared/schemas.ts';

export const SheetParams = z.object({
  cycleId: Id.openapi({ param: { name: 'cycleId', in: 'path' } }),
  sectionId: Id.openapi({ param: { name: 'sectionId', in: 'path' } }),
});

export const Cell = z
  .strictObject({
    student_id: Id,
    parameter_id: Id,
    level_ordinal: z.number().int().min(0).max(1_000).nullable().optional(),
    observation: text(4000).nullable().optional(),
    status: z.enum(['draft', 'submitted']).optional(),
  })
  .openapi('ClassSheetCell', { description: 'A field left out keeps its stored value; null clears it.' });

export const SaveRequest = z
  .strictObject({
    cells: z.array(Cell).max(5000),
    dry_run: z.boolean().optional().openapi({ description: 'Only check: answer what would be written and every problem.' }),
  })
  .openapi('ClassSheetSave');

const Counts = {
  cells: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  dry_run: z.boolean(),
};

export const CellProblem = z.object({ cell: z.number(), field: z.string().nullable(), message: z.string() }).openapi(
  'ClassSheetCellProblem',
);
export const SaveResult = z.object({ ...Counts, problems: z.array(CellProblem) }).openapi('ClassSheetSaveResult');

export const FileProblem = z
  .object({ row: z.number().nullable(), column: z.string().nullable(), message: z.string() })
  .openapi('ClassSheetFileProblem', {
    description: 'row 1 is the header; column as the spreadsheet names it, e.g. "D (MS-LR1-AWA level)".',
  });
export const ImportResult = z.object({ ...Counts, problems: z.array(FileProblem) }).openapi('ClassSheetImportResult');

export const ImportQuery = z.object({
  dry_run: z.enum(['true', 'false']).default('true').openapi({
    param: { name: 'dry_run', in: 'query' },
    description: 'true (the default): check the file and answer every problem; false: save it, all or nothing.',
  }),
});
