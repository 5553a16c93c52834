// Which institution each legacy row belongs to: institutions rows are created and the
// mapping (hpc_migration.institution_map) filled, for one of three configurations:
//   default  — a single-school deployment: one institution, every row goes to it;
//   existing — the legacy institution_id values (newer shape, and cohorts in both) become
//              institutions (private.register_institutions_from_existing_values); rows with
//              no class link fall back to the largest institution (or --fallback-institution);
//   file     — the operator's JSON: institutions (slug, name), which legacy value is which
//              institution, e-mail domain → institution for people, and a fallback.
// Legacy values are never rewritten: an institution is registered WITH the legacy uuid as
// its id. Rewriting them would change keys that the composite (institution_id, fk) foreign
// keys of the expand phase already protect (a term's key cannot change under its cohorts),
// so merging two legacy schools into one is refused here and left to a later, dedicated job.
import { readFileSync } from 'node:fs';
import type { Sql } from '../db.ts';
import { planEstimateSeconds } from '../plan.ts';
import { StepFailed, type Step, type StepContext } from './step.ts';

export interface MappingFile {
  institutions: { slug: string; name: string; id?: string }[];
  legacyIds?: Record<string, string>;
  emailDomains?: Record<string, string>;
  fallback?: string;
}

const legacyColumns = ['cohorts', 'academic_terms', 'courses'];

async function legacyValues(sql: Sql): Promise<string[]> {
  const values = new Set<string>();
  for (const t of legacyColumns) {
    // Before the backfill, institution_id on these tables holds only legacy values.
    const rows = await sql.unsafe(`select distinct institution_id::text as v from public.${t} where institution_id is not null`);
    for (const r of rows) values.add(r.v as string);
  }
  return [...values].sort();
}

async function alreadyTenanted(sql: Sql, legacy: string[]): Promise<boolean> {
  const [registered] = await sql`select count(*)::int as n from public.institutions where id::text = any(${legacy})`;
  if (registered!.n !== legacy.length) return false;
  for (const t of ['user_profiles', 'academic_terms', 'courses', 'cohorts', 'sections', 'section_students', 'section_courses']) {
    const [r] = await sql.unsafe(`select exists (select 1 from public.${t} where institution_id is null) as any_null`);
    if (r!.any_null) return false;
  }
  return true;
}

async function upsertInstitution(sql: Sql, i: { slug: string; name: string; id?: string }): Promise<string> {
  const [row] = await sql`
    insert into public.institutions (id, name, slug) values (coalesce(${i.id ?? null}::uuid, gen_random_uuid()), ${i.name}, ${i.slug})
    on conflict (slug) do update set name = excluded.name
    returning id::text`;
  return row!.id as string;
}

async function map(sql: Sql, kind: string, key: string, institutionId: string) {
  await sql`insert into hpc_migration.institution_map (kind, key, institution_id) values (${kind}, ${key}, ${institutionId})
            on conflict (kind, key) do update set institution_id = excluded.institution_id`;
}

export const institutions: Step = {
  name: 'phase2.institutions',
  phase: 'phase 2: data migration',
  estimateSeconds: planEstimateSeconds['phase2.institutions'],
  async run(ctx: StepContext) {
    const { sql } = ctx;
    const m = ctx.options.mapping;
    const [done] = await sql`select count(*)::int as n from hpc_migration.institution_map where kind = 'fallback'`;
    // Mapping is decided once: on a rerun after the backfill moved values, legacy values
    // could no longer be read back.
    if (done!.n > 0) return { note: 'mapping already recorded', ...(await summary(sql)) };
    const legacy = await legacyValues(sql);
    if (await alreadyTenanted(sql, legacy)) {
      // A database that is already migrated (the demo stack, a rerun after a restore of a
      // migrated copy): every row names a registered institution, so there is nothing to
      // map, whatever the configured mode says.
      for (const v of legacy) await map(sql, 'legacy_id', v, v);
      const [largest] = await sql`select institution_id::text as id from public.cohorts group by 1 order by count(*) desc, 1 limit 1`;
      const [any] = await sql`select id::text from public.institutions order by created_at, id limit 1`;
      const fallback = (largest?.id ?? any?.id) as string | undefined;
      if (fallback) await map(sql, 'fallback', '*', fallback);
      return { mode: m.mode, note: 'every row already carries a registered institution: nothing to map', ...(await summary(sql)) };
    }
    if (m.mode === 'default') {
      if (legacy.length > 1) {
        throw new StepFailed(`mapping default is for a single-school deployment, but this database has ${legacy.length} distinct `
          + 'legacy institution_id values: use --mapping existing or --mapping file', { legacyValues: legacy });
      }
      const id = await upsertInstitution(sql, { ...m, id: m.id ?? legacy[0] });
      for (const v of legacy) await map(sql, 'legacy_id', v, id);
      await map(sql, 'fallback', '*', id);
    } else if (m.mode === 'existing') {
      for (const t of legacyColumns) {
        // Keyset-paged registration (the data model's helper), one table at a time.
        let after: string | null = null;
        do {
          const [r]: { last_id: string | null }[] = await sql`select last_id::text from private.register_institutions_from_existing_values(
                                  ${'public.' + t}::regclass, ${after}::uuid, 5000)`;
          after = r?.last_id ?? null;
        } while (after);
      }
      for (const v of legacy) await map(sql, 'legacy_id', v, v);
      const fallback = m.fallbackSlug
        ? (await sql`select id::text from public.institutions where slug = ${m.fallbackSlug}`)[0]?.id as string | undefined
        : (await sql`select institution_id::text as id from public.cohorts group by 1 order by count(*) desc, 1 limit 1`)[0]?.id as string | undefined;
      if (!fallback) throw new StepFailed('no fallback institution: give --fallback-institution <slug>');
      await map(sql, 'fallback', '*', fallback);
    } else {
      const file = JSON.parse(readFileSync(m.file, 'utf8')) as MappingFile;
      const legacyOf = new Map<string, string>();
      for (const [legacyId, slug] of Object.entries(file.legacyIds ?? {})) {
        if (legacyOf.has(slug)) throw new StepFailed(`mapping file: ${slug} is given two legacy ids; merging schools is not part of this migration`);
        legacyOf.set(slug, legacyId);
      }
      const ids = new Map<string, string>();
      for (const i of file.institutions) ids.set(i.slug, await upsertInstitution(sql, { ...i, id: i.id ?? legacyOf.get(i.slug) }));
      const idOf = (slug: string) => {
        const id = ids.get(slug);
        if (!id) throw new StepFailed(`mapping file: unknown institution slug ${slug}`);
        return id;
      };
      for (const [legacyId, slug] of Object.entries(file.legacyIds ?? {})) await map(sql, 'legacy_id', legacyId, idOf(slug));
      for (const [domain, slug] of Object.entries(file.emailDomains ?? {})) await map(sql, 'email_domain', domain.toLowerCase(), idOf(slug));
      if (!file.fallback) throw new StepFailed('mapping file: "fallback" (slug) is required for rows no rule matches');
      await map(sql, 'fallback', '*', idOf(file.fallback));
      const unmapped = legacy.filter((v) => !(file.legacyIds ?? {})[v]);
      if (unmapped.length) {
        throw new StepFailed(`mapping file: ${unmapped.length} legacy institution_id values are not listed in legacyIds`, { unmapped });
      }
    }
    return { mode: m.mode, legacyValues: legacy.length, ...(await summary(sql)) };
  },
};

async function summary(sql: Sql) {
  const rows = await sql`select kind, count(*)::int as n from hpc_migration.institution_map group by kind order by kind`;
  const [inst] = await sql`select count(*)::int as n from public.institutions`;
  return { institutions: inst!.n as number, mapping: Object.fromEntries(rows.map((r) => [r.kind, r.n])) };
}
