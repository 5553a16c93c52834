// The last resort: restore the pre-migration backup (pg_dump -Fc taken by the preflight)
// into a database. RESTORE.md explains when to use it; the rollback test exercises it once.
import { run } from '../../stack/shell.ts';
import { PG_BIN } from './dump.ts';

export async function restoreBackup(file: string, url: string): Promise<void> {
  await run(`${PG_BIN}/pg_restore`, ['--exit-on-error', '--no-owner', '--clean', '--if-exists', '--single-transaction', '-d', url, file]);
}
