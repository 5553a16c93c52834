// Access tokens as Supabase Auth issues them with the project's custom access token hook
// enabled (supabase/config.toml): the claims pass through private.custom_access_token_hook
// before they are signed, which adds the caller's request context. The local stack has no
// Auth server, so this is the part of one that the database sees.
import type postgres from 'postgres';
import { sign, type TokenUser, userClaims } from './keys.ts';

export async function hookedUserToken(sql: postgres.Sql, user: TokenUser, ttlSeconds?: number): Promise<string> {
  const event = { user_id: user.id, claims: userClaims(user, ttlSeconds), authentication_method: 'password' };
  const [row] = await sql<{ claims: Record<string, unknown> }[]>`
    select private.custom_access_token_hook(${JSON.stringify(event)}::text::jsonb) -> 'claims' as claims`;
  if (row?.claims?.sub !== user.id) throw new Error(`the access token hook answered no claims for ${user.id}`);
  return sign(row.claims);
}
