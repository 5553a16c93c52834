// One busy table per transaction. The Supabase CLI runs each migration file as one
// transaction, and a lock lasts until its transaction commits; a file that takes ACCESS
// EXCLUSIVE (which holds up readers too) on two existing BIG DAY tables keeps the first
// locked while it waits for the second. Measured under the benchmark's workload, such files
// caused the lock-timeout retries and the longest stalls of the expand step
// (benchmarks/migration/FINDINGS.md). Here every migration after the baseline is applied in
// order, each file in a transaction of its own, and the locks it holds just before its
// commit are read from pg_locks.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allMigrations, isContractMigration, migrationsDir } from '../../migrator/supabase-cli.ts';
import { contractedTables } from '../../migrator/backfill/tables.ts';
import { MIGRATION_TEST_PORT, legacyDatabase, type LegacyDatabase } from './support.ts';

let db: LegacyDatabase | undefined;
afterAll(async () => db?.close());

/** Stand-in for the backfill, so that the contract files may run: one institution for all
 * (the tenant guard, which keeps a row in its school once it has one, is set aside for it:
 * cohorts carry BIG DAY's own values). */
async function fillInstitutionIds(d: LegacyDatabase): Promise<void> {
  const [inst] = await d.sql`insert into public.institutions (name, slug) values ('Lock scope school', 'lock-scope') returning id`;
  for (const t of contractedTables) {
    await d.sql.unsafe(`alter table public.${t} disable trigger keep_row_in_its_institution`);
    await d.sql.unsafe(`update public.${t} set institution_id = $1`, [inst!.id]);
    await d.sql.unsafe(`alter table public.${t} enable trigger keep_row_in_its_institution`);
  }
}

describe('lock scope of each migration file', () => {
  it('holds ACCESS EXCLUSIVE on at most one existing table until it commits', async () => {
    db = await legacyDatabase('test-migration-lock-scope', MIGRATION_TEST_PORT, 'older', { studentsPerSchool: 50 });
    const existing = (await db.sql`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')`).map(
      (r) => r.relname as string,
    );
    const files = allMigrations().filter((f) => !f.startsWith('2024'));
    expect(files.length).toBeGreaterThan(40);
    const wide: Record<string, string[]> = {};
    let filled = false;
    for (const file of files) {
      if (isContractMigration(file) && !filled) {
        await fillInstitutionIds(db);
        filled = true;
      }
      const text = readFileSync(join(migrationsDir, file), 'utf8');
      const code = text.replace(/--.*$/gm, '');
      if (/^create (unique )?index concurrently/im.test(code)) {
        // CREATE INDEX CONCURRENTLY cannot run in a transaction (the CLI runs such a file
        // statement by statement); it takes SHARE UPDATE EXCLUSIVE, which blocks no one.
        // These files hold plain statements only, so splitting at `;` is safe.
        for (const statement of code.split(/;\s*$/m).filter((x) => x.trim())) await db.sql.unsafe(statement);
        continue;
      }
      const held = await db.sql.begin(async (tx) => {
        await tx.unsafe(text);
        return tx`
          select distinct c.relname
          from pg_locks as l join pg_class as c on c.oid = l.relation
          where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted
            and l.mode = 'AccessExclusiveLock'
            and c.relnamespace = 'public'::regnamespace and c.relname = any(${existing})`;
      });
      const tables = held.map((r) => r.relname as string).sort();
      // Dropping a foreign key locks both its ends in one statement (their triggers go): a
      // key swap holds exactly the key's table and parent, and only for its last statement.
      // The same holds for a key re-pointed from one index of its parent to another.
      const swap =
        /swap_to_tenant_key(?:_where_present)?\('(\w+)', '\w+', '(\w+)'/.exec(code) ??
        /repoint_to_tenant_primary_key\('(\w+)', '(\w+)'/.exec(code);
      // A link key losing its ON DELETE SET NULL is dropped and re-added with user_profiles.
      const link = /drop_set_null_from_link_key\('(\w+)'/.exec(code);
      const allowed = swap ? [swap[1]!, swap[2]!].sort() : link ? [link[1]!, 'user_profiles'].sort() : [];
      if (tables.length > 1 && JSON.stringify(tables) !== JSON.stringify(allowed)) wide[file] = tables;
    }
    expect(filled).toBe(true);
    expect(wide).toEqual({});
  }, 180_000);
});
