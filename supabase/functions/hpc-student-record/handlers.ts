// The handler of hpc-student-record: the record as the database gives it to the admin
// (public.hpc_student_record checks who may ask), its cards rendered, packed as one archive.
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../_shared/auth.ts';
import { oneRowAsCaller } from '../_shared/as-caller.ts';
import { CardContent } from '../_shared/card/contract.ts';
import { renderCard } from '../_shared/card/render.ts';
import { sql } from '../_shared/db.ts';
import { buildArchive, cardFileName, type PrintableCard, type StudentRecord } from './archive.ts';
import type * as routes from './routes.ts';

interface CardRow {
  id: string;
  version: number;
  status: string;
  content: unknown;
  content_hash: string | null;
  published_at: string | null;
}

export const archive: RouteHandler<typeof routes.archive, AppEnv> = async (c) => {
  const { studentId } = c.req.valid('param');
  const { lang } = c.req.valid('query');
  const row = await oneRowAsCaller(c.var.caller, sql`select public.hpc_student_record(${studentId}) as record`);
  const record = row.record as StudentRecord;
  const cards: PrintableCard[] = ((record.tables.hpc_reports ?? []) as unknown as CardRow[]).map((report) => {
    const content = CardContent.parse(report.content);
    const cycle = content.cycle?.name ?? 'card';
    return {
      title: `${cycle}, version ${report.version} (${report.status})`,
      fileName: cardFileName(cycle, report.version, report.status),
      html: renderCard(content, {
        reportId: report.id,
        version: report.version,
        status: report.status,
        contentHash: report.content_hash,
        publishedAt: report.published_at,
      }, lang),
    };
  });
  const { zip } = await buildArchive(record, cards);
  const who = String(record.student.admission_number ?? record.student.id).replace(/[^A-Za-z0-9_-]/g, '_');
  return c.body(zip, 200, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="hpc-record-${who}.zip"`,
  });
};
