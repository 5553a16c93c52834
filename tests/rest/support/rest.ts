// supabase-js clients typed with the generated database types, as a frontend makes them:
// the project URL and the anon key, plus a signed-in user's access token. Every call goes
// through the gateway to the real PostgREST (and to the functions for functions.invoke).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import type { Database } from '../../../supabase/functions/_shared/database.types.ts';
import { credentials } from '../../support/test-stack.ts';

export type Client = SupabaseClient<Database>;

function make(key: string, accessToken?: string): Client {
  return createClient<Database>(credentials().apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; supabase-js's realtime client needs one.
    realtime: { transport: ws as never },
    ...(accessToken ? { global: { headers: { Authorization: `Bearer ${accessToken}` } } } : {}),
  });
}

/** The anon key alone: a visitor who has not signed in. */
export const anonClient = (): Client => make(credentials().anonKey);

/** The service_role key: a trusted server, past RLS. */
export const serviceClient = (): Client => make(credentials().serviceRoleKey);

/** A demo user signed in (the seed's people; `npm start` prints the same tokens). */
export function userClient(email: string): Client {
  const user = credentials().users.find((u) => u.email === email);
  if (!user) throw new Error(`No demo user ${email} in credentials.json.`);
  return make(credentials().anonKey, user.token);
}

/** Any signed access token, such as one minted for a test fixture's own people. */
export const tokenClient = (accessToken: string): Client => make(credentials().anonKey, accessToken);

export const userId = (email: string): string => {
  const user = credentials().users.find((u) => u.email === email);
  if (!user) throw new Error(`No demo user ${email} in credentials.json.`);
  return user.id;
};
