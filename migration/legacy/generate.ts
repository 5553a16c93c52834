// Builds a pre-HPC BIG DAY database: the baseline migration through the Supabase CLI (so the
// target's migration history looks like a real deployment's), the shape's extra columns,
// then the population. Secondary indexes are dropped during the load and rebuilt after it
// (a bulk load is several times faster without them); the schema ends identical.
import type { Sql } from '../db.ts';
import { pushSubset, allMigrations } from '../supabase-cli.ts';
import { dataStatements } from './data.ts';
import { presets, type PresetName, type LegacyPreset } from './presets.ts';
import { newerShapeDdl, type LegacyShape } from './shapes.ts';
import type { Log } from '../log.ts';

export interface GenerateOptions {
  url: string;
  shape: LegacyShape;
  preset: PresetName | LegacyPreset;
}

const loadedTables = ['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses'];

export async function generateLegacy(sql: Sql, options: GenerateOptions, log: Log): Promise<Record<string, number>> {
  const preset = typeof options.preset === 'string' ? presets[options.preset] : options.preset;
  const baseline = allMigrations()[0]!;
  const started = Date.now();
  await pushSubset(options.url, [baseline]);
  log(`baseline ${baseline} pushed`);
  await sql.begin(async (tx) => {
    await tx`set local statement_timeout = 0`;
    if (options.shape === 'newer') for (const ddl of newerShapeDdl) await tx.unsafe(ddl);
    const indexes = await tx<{ name: string; def: string }[]>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index as i join pg_class as t on t.oid = i.indrelid
      where t.relnamespace = 'public'::regnamespace and t.relname = any(${loadedTables})
        and not exists (select 1 from pg_constraint as c where c.conindid = i.indexrelid)`;
    for (const ix of indexes) await tx.unsafe(`drop index ${ix.name}`);
    for (const statement of dataStatements(preset, options.shape)) await tx.unsafe(statement);
    for (const ix of indexes) await tx.unsafe(ix.def);
  });
  await sql.unsafe(`vacuum analyze ${loadedTables.map((t) => `public.${t}`).join(', ')}`);
  const counts: Record<string, number> = {};
  for (const t of loadedTables) {
    const [row] = await sql.unsafe(`select count(*)::int as n from public.${t}`);
    counts[t] = row!.n as number;
  }
  log(`legacy ${options.shape} database generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  return counts;
}
