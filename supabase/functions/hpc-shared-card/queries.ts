// What hpc-shared-card asks the database. There is no signed-in caller: the request runs as
// anon, as PostgREST runs a request without a user, and anon may do one thing beyond the API:
// present a token to shared_card.open (private.report_share_open), which counts the request
// against the rate limits, checks the token and records the open.
import { sql, transaction } from '../_shared/db.ts';
import type { OpenAnswer } from './schemas.ts';

export async function openSharedCard(token: string, client: string): Promise<OpenAnswer> {
  const [rows] = await transaction(() => ["select set_config('role', 'anon', true)"], [
    sql`select shared_card.open(${token}, ${client}) as answer`,
  ]);
  return rows![0]!.answer as OpenAnswer;
}
