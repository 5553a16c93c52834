// What hpc-shared-card asks the database. There is no signed-in caller: the request runs as
// anon, as PostgREST runs a request without a user, and anon may do one thing beyond the API:
// present a token to shared_card.open (private.report_share_open), which counts the request
// against the rate limits, checks the token and records the open.
// @ts-types="@types/pg"
import type pg from 'pg';
import { db } from '../_shared/db.ts';
import type { OpenAnswer } from './schemas.ts';

export async function openSharedCard(token: string, client: string): Promise<OpenAnswer> {
  let connection: pg.PoolClient | undefined;
  let broken = false;
  try {
    connection = await db().connect();
    await connection.query('begin; set local role anon');
    const { rows } = await connection.query('select shared_card.open($1, $2) as answer', [token, client]);
    await connection.query('commit');
    return rows[0].answer as OpenAnswer;
  } catch (error) {
    // a connection that cannot even roll back is closed, not returned to the pool
    if (connection) broken = await connection.query('rollback').then(() => false, () => true);
    throw error;
  } finally {
    connection?.release(broken);
  }
}
