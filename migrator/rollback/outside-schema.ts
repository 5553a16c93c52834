// What the migration changed beside the schema, undone first: pg_cron jobs, PostgREST's
// in-database settings on the authenticator role (a pre-request function left configured
// after its function is dropped would fail every request), and publications.
import type { Catalog } from './snapshot.ts';
import { quoteIdent, quoteLiteral, type RollbackStatement } from './quote.ts';

export function outsideTheSchema(baseline: Catalog, now: Catalog): RollbackStatement[] {
  const out: RollbackStatement[] = [];
  for (const job of now.cron_jobs.filter((j) => !baseline.cron_jobs.includes(j))) {
    out.push({ sql: `select cron.unschedule(${quoteLiteral(job)})`, why: `cron job ${job} is new` });
  }
  const baseApi = baseline.api_settings ?? [];
  const nowApi = now.api_settings ?? [];
  const settingName = (c: string) => c.slice(0, c.indexOf('='));
  for (const c of nowApi.filter((c) => !baseApi.includes(c))) {
    const before = baseApi.find((b) => settingName(b) === settingName(c));
    out.push({
      sql: before
        ? `alter role authenticator set ${settingName(c)} to ${quoteLiteral(before.slice(before.indexOf('=') + 1))}`
        : `alter role authenticator reset ${settingName(c)}`,
      why: `PostgREST setting ${settingName(c)} is new or changed`,
    });
  }
  if (nowApi.some((c) => !baseApi.includes(c)))
    out.push({ sql: `notify pgrst, 'reload config'`, why: 'PostgREST reads its settings again' });
  const basePub = new Set(baseline.publication_tables.map((p) => `${p.publication} ${p.table}`));
  for (const p of now.publication_tables.filter((p) => !basePub.has(`${p.publication} ${p.table}`))) {
    out.push({ sql: `alter publication ${quoteIdent(p.publication)} drop table ${p.table}`, why: 'added to a publication' });
  }
  return out;
}
