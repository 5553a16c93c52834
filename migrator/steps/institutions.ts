// Which institution each legacy row belongs to: institutions rows are created and the
// mapping (hpc_migration.institution_map) filled, for one of three configurations:
//   default  — a single-school deployment: one institution, every row goes to it;
//   existing — the legacy institution_id values (newer shape, and cohorts in both) become
//              institutions (private.register_institutions_from_existing_values);
//   file     — the operator's JSON: institutions (slug, name), which legacy value is which
//              institution, e-mail domain → institution and e-mail → institution for people,
//              and a fallback.
// People without a class link are placed by rules only, never by a silent guess
// (people-placement.ts): the step stops, saying whom and how to place them, otherwise.
// Legacy values are never rewritten: an institution is registered WITH the legacy uuid as
// its id. Rewriting them would change keys that the composite (institution_id, fk) foreign
// keys of the expand phase already protect (a term's key cannot change under its cohorts),
// so merging two legacy schools into one is refused here and left to a later, dedicated job.
import { readFileSync } from 'node:fs';
import type { Sql } from '../db.ts';
import { planEstimateSeconds } from '../plan.ts';
import { StepFailed, type Step, type StepContext } from './step.ts';
import { inferEmailDomains, placementRefusal, unplacedPeople } from './people-placement.ts';

export interface MappingFile {
  institutions: { slug: string; name: string; id?: string }[];
  legacyIds?: Record<string, string>;
  emailDomains?: Record<string, string>;
  /** One person's e-mail → institution slug. */
  people?: Record<string, string>;
  fallback?: string;
}

/** Tables that may carry BIG DAY's own institution_id values, where this database has the
 * column (cohorts in both shapes; terms, courses, slot templates, allocation settings in the
 * newer one). */
async function legacyColumns(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select t as name from unnest(${['cohorts', 'academic_terms', 'courses', 'slot_templates', 'allocation_settings']}::text[]) as t
    where exists (select 1 from pg_catalog.pg_attribute as a
                  where a.attrelid = to_regclass(format('public.%I', t)) and a.attname = 'institution_id')`;
  return rows.map((r) => r.name);
}

async function legacyValues(sql: Sql): Promise<string[]> {
  const values = new Set<string>();
  for (const t of await legacyColumns(sql)) {
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
    let inferredDomains: Record<string, string> = {};
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
        throw new StepFailed(
          `mapping default is for a single-school deployment, but this database has ${legacy.length} distinct ` +
            'legacy institution_id values: use --mapping existing or --mapping file',
          { legacyValues: legacy },
        );
      }
      const id = await upsertInstitution(sql, { ...m, id: m.id ?? legacy[0] });
      for (const v of legacy) await map(sql, 'legacy_id', v, id);
      await map(sql, 'fallback', '*', id);
    } else if (m.mode === 'existing') {
      for (const t of await legacyColumns(sql)) {
        // Keyset-paged registration (the data model's helper), one table at a time.
        let after: string | null = null;
        do {
          const [r]: { last_id: string | null }[] = await sql`select last_id::text from private.register_institutions_from_existing_values(
                                  ${`public.${t}`}::regclass, ${after}::uuid, 5000)`;
          after = r?.last_id ?? null;
        } while (after);
      }
      for (const v of legacy) await map(sql, 'legacy_id', v, v);
      const idOf = async (slugOrId: string) => {
        const [row] = await sql`select id::text from public.institutions where slug = ${slugOrId} or id::text = ${slugOrId}`;
        if (!row) throw new StepFailed(`unknown institution ${slugOrId} (give a slug or an id of public.institutions)`);
        return row.id as string;
      };
      if (m.file) await recordPeopleRules(sql, JSON.parse(readFileSync(m.file, 'utf8')) as MappingFile, idOf);
      if (m.fallbackSlug) await map(sql, 'fallback', '*', await idOf(m.fallbackSlug));
      inferredDomains = await inferEmailDomains(sql);
      await assertEveryonePlaced(sql, Boolean(m.fallbackSlug), inferredDomains);
    } else {
      const file = JSON.parse(readFileSync(m.file, 'utf8')) as MappingFile;
      const legacyOf = new Map<string, string>();
      for (const [legacyId, slug] of Object.entries(file.legacyIds ?? {})) {
        if (legacyOf.has(slug))
          throw new StepFailed(`mapping file: ${slug} is given two legacy ids; merging schools is not part of this migration`);
        legacyOf.set(slug, legacyId);
      }
      const ids = new Map<string, string>();
      for (const i of file.institutions) ids.set(i.slug, await upsertInstitution(sql, { ...i, id: i.id ?? legacyOf.get(i.slug) }));
      const idOf = async (slug: string) => {
        const id = ids.get(slug);
        if (!id) throw new StepFailed(`mapping file: unknown institution slug ${slug}`);
        return id;
      };
      for (const [legacyId, slug] of Object.entries(file.legacyIds ?? {})) await map(sql, 'legacy_id', legacyId, await idOf(slug));
      await recordPeopleRules(sql, file, idOf);
      if (file.fallback) await map(sql, 'fallback', '*', await idOf(file.fallback));
      const unmapped = legacy.filter((v) => !file.legacyIds?.[v]);
      if (unmapped.length) {
        throw new StepFailed(`mapping file: ${unmapped.length} legacy institution_id values are not listed in legacyIds`, { unmapped });
      }
      await assertEveryonePlaced(sql, Boolean(file.fallback), {});
    }
    const schoolSettings = await copyPlatformSettingsToSchools(sql);
    // The domain rules outlive the migration: BIG DAY's service-role functions create people
    // with only an e-mail, and the tenant guard places them by it.
    await sql`insert into private.institution_email_domains (domain, institution_id)
              select m.key, m.institution_id from hpc_migration.institution_map as m where m.kind = 'email_domain'
              on conflict (domain) do nothing`;
    return { mode: m.mode, legacyValues: legacy.length, inferredDomains, schoolSettings, ...(await summary(sql)) };
  },
};

/** BIG DAY keeps one set of settings (its branding) for the whole database. Each school gets
 * its own copy of every platform-wide row, so that what its users saw stays as it was and
 * its admins' changes (BIG DAY's settings screen updates by key) stay in their school. Every
 * column is copied but the primary key and institution_id. Returns the rows added. */
async function copyPlatformSettingsToSchools(sql: Sql): Promise<number> {
  const [present] = await sql`select exists (select 1 from pg_catalog.pg_attribute as a
    where a.attrelid = to_regclass('public.system_settings') and a.attname = 'institution_id') as ok`;
  if (!present!.ok) return 0;
  const columns = (
    await sql<{ name: string }[]>`
    select a.attname as name from pg_catalog.pg_attribute as a
    where a.attrelid = 'public.system_settings'::regclass and a.attnum > 0 and not a.attisdropped
      and a.attname <> 'institution_id'
      and not exists (select 1 from pg_catalog.pg_index as i where i.indrelid = a.attrelid and i.indisprimary and a.attnum = any (i.indkey))
    order by a.attnum`
  ).map((r) => `"${r.name.replace(/"/g, '""')}"`);
  const list = columns.join(', ');
  const rows = await sql.unsafe(`
    insert into public.system_settings (institution_id, ${list})
    select i.id, ${columns.map((c) => `s.${c}`).join(', ')}
    from public.institutions as i cross join public.system_settings as s
    where s.institution_id is null
    on conflict do nothing
    returning 1`);
  return rows.length;
}

async function recordPeopleRules(sql: Sql, file: MappingFile, idOf: (slug: string) => Promise<string>) {
  for (const [domain, slug] of Object.entries(file.emailDomains ?? {}))
    await map(sql, 'email_domain', domain.toLowerCase(), await idOf(slug));
  for (const [email, slug] of Object.entries(file.people ?? {})) await map(sql, 'person', email.toLowerCase(), await idOf(slug));
}

async function assertEveryonePlaced(sql: Sql, hasFallback: boolean, inferredDomains: Record<string, string>) {
  const unplaced = await unplacedPeople(sql);
  const refusal = placementRefusal(unplaced, hasFallback);
  if (refusal) throw new StepFailed(`mapping: ${refusal}`, { unplaced, inferredDomains });
}

async function summary(sql: Sql) {
  const rows = await sql`select kind, count(*)::int as n from hpc_migration.institution_map group by kind order by kind`;
  const [inst] = await sql`select count(*)::int as n from public.institutions`;
  return { institutions: inst!.n as number, mapping: Object.fromEntries(rows.map((r) => [r.kind, r.n])) };
}
