// After the migration, the contract: every tenant row has its school, the foreign keys are
// validated and the columns NOT NULL, no index is left invalid, every migration is recorded.
import { presentContractedTables } from '../../backfill/tables.ts';
import { allMigrations, versionOf } from '../../supabase-cli.ts';
import { migrationVersions } from '../../rollback/snapshot.ts';
import type { ChecklistEntry } from '../check.ts';

export const CONTRACT_ITEMS: ChecklistEntry[] = [
  [
    'post',
    'no tenant row without institution_id',
    async (sql) => {
      const counts: Record<string, number> = {};
      for (const t of await presentContractedTables(sql)) {
        const [r] = await sql.unsafe(`select count(*)::int as n from public.${t} where institution_id is null`);
        counts[t] = r!.n as number;
      }
      return { ok: Object.values(counts).every((n) => n === 0), evidence: counts };
    },
  ],
  [
    'post',
    'institution_id foreign keys validated',
    async (sql) => {
      const tables = await presentContractedTables(sql);
      const rows = await sql`select conrelid::regclass::text as t, conname, convalidated from pg_constraint
                           where contype = 'f' and confrelid = 'public.institutions'::regclass
                             and conrelid::regclass::text = any(${tables})`;
      return { ok: rows.length === tables.length && rows.every((r) => r.convalidated), evidence: [...rows] };
    },
  ],
  [
    'post',
    'institution_id NOT NULL',
    async (sql) => {
      const tables = await presentContractedTables(sql);
      const rows = await sql`select c.relname as t, a.attnotnull from pg_attribute as a join pg_class as c on c.oid = a.attrelid
                           where c.relnamespace = 'public'::regnamespace and c.relname = any(${tables}) and a.attname = 'institution_id'`;
      return { ok: rows.length === tables.length && rows.every((r) => r.attnotnull), evidence: [...rows] };
    },
  ],
  [
    'post',
    'no invalid index left by a concurrent build',
    async (sql) => {
      const rows = await sql`select indexrelid::regclass::text as index from pg_index where not indisvalid`;
      return { ok: rows.length === 0, evidence: [...rows] };
    },
  ],
  [
    'post',
    'every migration recorded in the history',
    async (sql) => {
      const applied = await migrationVersions(sql);
      const missing = allMigrations()
        .map(versionOf)
        .filter((v) => !applied.includes(v));
      return { ok: missing.length === 0, evidence: { applied: applied.length, missing } };
    },
  ],
];
