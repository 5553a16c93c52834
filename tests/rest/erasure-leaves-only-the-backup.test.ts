// After an erasure the child's HPC data is gone from the live database, and a backup taken
// before is the only way back: the school's admin erases a child through supabase-js; the
// live database holds no copy of what went (no table, archive or audit entry names the
// child beyond BIG DAY's own records); the platform's backup from before the erasure,
// restored into a new database, holds the child's rows exactly as they were.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { run } from '../../stack/shell.ts';
import { dbUrl, SUPERUSER } from '../../stack/settings.ts';
import { settings } from '../support/test-stack.ts';
import { userClient } from './support/rest.ts';
import { VIKRAM } from './support/people.ts';
import { makeTestChild, removeTestChild, type TestChild } from './support/test-child.ts';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const RESTORED = `erasure_backup_check_${process.pid}`;
// Tables where the child may still be named after an erasure: BIG DAY's own records of the
// child (profile, enrolment, sign-in), which the HPC does not own, and the audit log's
// entries about those records (a profile's entries name no personal data but its id).
const BIG_DAY_RECORDS = ['auth.users', 'section_students', 'user_profiles'];
const BIG_DAY_TABLES_AUDITED = ['user_profiles', 'section_students', 'student_guardians'];

const work = mkdtempSync(join(tmpdir(), 'hpc-erasure-backup-'));
let admin: postgres.Sql;
let child: TestChild;

/** The child's HPC rows as text, in a stable order: equal text means equal rows. */
async function childRows(db: postgres.Sql): Promise<string[]> {
  const rows = await db`
    select t::text as row from public.hpc_evaluations as t where t.student_id = ${child.id}
    union all
    select t::text from public.hpc_achievements as t where t.student_id = ${child.id}
    order by 1`;
  return rows.map((r) => r.row as string);
}

/** Every table of the database (partitions included) in which some row mentions the child;
 * the audit log counts when an entry about anything but BIG DAY's own records does. */
async function tablesNamingChild(db: postgres.Sql): Promise<string[]> {
  const tables = await db`
    select c.oid::regclass::text as name
    from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
    where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and not exists (select 1 from pg_inherits as i where i.inhrelid = c.oid and i.inhparent = 'public.audit_events'::regclass)`;
  const found: string[] = [];
  for (const { name } of tables) {
    const [hit] = await db.unsafe(`select exists (select 1 from ${name} as t where t::text like $1) as hit`, [`%${child.id}%`]);
    if (hit!.hit) found.push(name as string);
  }
  const [audited] = await db`
    select exists (select 1 from public.audit_events as a
                   where a.table_name <> all (${BIG_DAY_TABLES_AUDITED}) and a::text like ${`%${child.id}%`}) as hit`;
  if (audited!.hit) found.push('audit_events');
  return found.sort();
}

beforeAll(async () => {
  admin = postgres(dbUrl(settings, SUPERUSER), { max: 1, onnotice: () => {} });
  child = await makeTestChild(admin, 'Test Child (backup)');
});
afterAll(async () => {
  await removeTestChild(admin, child);
  await admin.unsafe(`drop database if exists ${RESTORED}`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
});

describe('an erasure on request', () => {
  it('leaves no copy in the live database, and the backup from before brings the child back', async () => {
    const before = await childRows(admin);
    expect(before.length).toBe(child.ratings + 1);
    expect(await tablesNamingChild(admin)).toEqual(expect.arrayContaining(['hpc_achievements', ...BIG_DAY_RECORDS]));

    // The platform's backup, as Supabase takes it: a pg_dump of the whole database.
    const backup = join(work, 'before-erasure.dump');
    await run(`${PG_BIN}/pg_dump`, ['--format=custom', '--file', backup, '-d', dbUrl(settings, SUPERUSER)]);

    const erased = await userClient(VIKRAM).rpc('hpc_erase_student', { p_student_id: child.id, p_dry_run: false });
    expect(erased.error).toBeNull();
    expect(await childRows(admin)).toEqual([]);
    expect(await tablesNamingChild(admin)).toEqual(BIG_DAY_RECORDS);

    // pg_cron lives in one database of the cluster only; the restore check leaves it out.
    const contents = await run(`${PG_BIN}/pg_restore`, ['--list', backup]);
    const list = join(work, 'restore.list');
    writeFileSync(
      list,
      contents
        .split('\n')
        .filter((line) => !/EXTENSION - pg_cron|EXTENSION pg_cron| cron /.test(line))
        .join('\n'),
    );
    await admin.unsafe(`drop database if exists ${RESTORED}`);
    await admin.unsafe(`create database ${RESTORED}`);
    await run(`${PG_BIN}/pg_restore`, [
      '--exit-on-error',
      '--single-transaction',
      '--use-list',
      list,
      '-d',
      dbUrl(settings, SUPERUSER, RESTORED),
      backup,
    ]);
    const restored = postgres(dbUrl(settings, SUPERUSER, RESTORED), { max: 1, onnotice: () => {} });
    try {
      expect(await childRows(restored)).toEqual(before);
    } finally {
      await restored.end();
    }
  }, 120_000);
});
