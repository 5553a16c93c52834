// Builds a pre-HPC BIG DAY database in one of three shapes (shapes.ts), then its population.
//   older, newer-baseline: older-shape.sql through the Supabase CLI as the baseline version (so
//     the target's migration history looks like a real deployment's), the shape's extra columns;
//   newer: our baseline migration (the real shape) applied directly as `postgres`, one transaction per BIG DAY
//     migration, with no migration history (a database made in the Supabase dashboard)
//     unless `cliHistory` asks for the three versions to be recorded in the CLI's history
//     table exactly as `supabase db push` would have.
// Secondary indexes are dropped during the load and rebuilt after it (a bulk load is several
// times faster without them); the schema ends identical.
import type { Sql } from '../db.ts';
import { pushSubset, allMigrations } from '../supabase-cli.ts';
import { dataStatements } from './data.ts';
import { newerDataStatements } from './newer-data.ts';
import { presets, type PresetName, type LegacyPreset } from './presets.ts';
import { newerBaselineDdl, newerShapeMigrations, newerShapeTables, olderShapeFile, type LegacyShape } from './shapes.ts';
import type { Log } from '../log.ts';

export interface GenerateOptions {
  url: string;
  shape: LegacyShape;
  preset: PresetName | LegacyPreset;
  /** newer shape only: record BIG DAY's three migrations in supabase_migrations.schema_migrations. */
  cliHistory?: boolean;
}

const baselineLoadedTables = ['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses'];

export async function generateLegacy(sql: Sql, options: GenerateOptions, log: Log): Promise<Record<string, number>> {
  const preset = typeof options.preset === 'string' ? presets[options.preset] : options.preset;
  const started = Date.now();
  let tables: string[];
  let statements: string[];
  if (options.shape === 'newer') {
    await applyNewerShape(sql, Boolean(options.cliHistory));
    log(`newer shape applied${options.cliHistory ? ', with the CLI history of its three migrations' : ''}`);
    tables = [...newerShapeTables];
    statements = newerDataStatements(preset);
  } else {
    if (options.cliHistory)
      throw new Error(`cliHistory is for the newer shape; the ${options.shape} shape is pushed through the CLI and has its history`);
    const baseline = allMigrations()[0]!;
    await pushSubset(options.url, [], { [baseline]: olderShapeFile });
    log(`older shape pushed as ${baseline}`);
    tables = baselineLoadedTables;
    statements = [...(options.shape === 'newer-baseline' ? newerBaselineDdl : []), ...dataStatements(preset, options.shape)];
  }
  await sql.begin(async (tx) => {
    await tx`set local statement_timeout = 0`;
    await tx`set local maintenance_work_mem = '256MB'`;
    const indexes = await tx<{ name: string; def: string }[]>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index as i join pg_class as t on t.oid = i.indrelid
      where t.relnamespace = 'public'::regnamespace and t.relname = any(${tables})
        and not exists (select 1 from pg_constraint as c where c.conindid = i.indexrelid)`;
    for (const ix of indexes) await tx.unsafe(`drop index ${ix.name}`);
    // The newer shape's foreign keys, checked row by row, cost more than the load
    // itself (two lookups per enrolment, four per timetable session). Re-added after it, each
    // is validated by one join. Same names and definitions, so the schema ends identical.
    const foreignKeys =
      options.shape !== 'newer'
        ? []
        : await tx<{ tbl: string; name: string; def: string }[]>`
      select conrelid::regclass::text as tbl, quote_ident(conname) as name, pg_get_constraintdef(oid) as def
      from pg_constraint
      where contype = 'f' and connamespace = 'public'::regnamespace
        and conrelid = any(${tables.map((t) => `public.${t}`)}::regclass[])
      order by conrelid, conname`;
    for (const fk of foreignKeys) await tx.unsafe(`alter table ${fk.tbl} drop constraint ${fk.name}`);
    for (const statement of statements) await tx.unsafe(statement);
    for (const ix of indexes) await tx.unsafe(ix.def);
    for (const fk of foreignKeys) await tx.unsafe(`alter table ${fk.tbl} add constraint ${fk.name} ${fk.def}`);
  });
  await sql.unsafe(`vacuum analyze ${tables.map((t) => `public.${t}`).join(', ')}`);
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await sql.unsafe(`select count(*)::int as n from public.${t}`);
    counts[t] = row!.n as number;
  }
  log(`legacy ${options.shape} database generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  return counts;
}

/** The real shape (our baseline), BIG DAY migration by migration, each in its own transaction as the CLI runs a file;
 * with `cliHistory`, each also records itself in the CLI's history table in that transaction. */
export async function applyNewerShape(sql: Sql, cliHistory: boolean): Promise<void> {
  if (cliHistory) {
    // What Supabase CLI 3.1's `db push` creates before its first migration (read from a push to
    // a scratch database: version text primary key, statements text[], name text; owner postgres).
    await sql.begin(async (tx) => {
      await tx`create schema if not exists supabase_migrations`;
      await tx`create table if not exists supabase_migrations.schema_migrations (version text not null primary key)`;
      await tx`alter table supabase_migrations.schema_migrations add column if not exists statements text[]`;
      await tx`alter table supabase_migrations.schema_migrations add column if not exists name text`;
    });
  }
  for (const m of newerShapeMigrations()) {
    await sql.begin(async (tx) => {
      await tx.unsafe(m.text).simple();
      if (cliHistory) {
        await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
                 values (${m.version}, ${m.name}, ${m.statements}::text[])`;
      }
    });
  }
}
