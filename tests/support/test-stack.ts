// What a vitest file needs to reach the stack `npm test` started: its URLs, keys and the
// demo users' tokens (written by the stack to credentials.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import ws from 'ws';
import { stackSettings } from '../../stack/settings.ts';
import type { Credentials } from '../../stack/stack.ts';

export const settings = stackSettings();

export function credentials(): Credentials {
  return JSON.parse(readFileSync(join(settings.home, 'credentials.json'), 'utf8')) as Credentials;
}

/** A supabase-js client as the frontend makes one; `accessToken` signs in as a user. */
export function client(accessToken?: string): SupabaseClient {
  const c = credentials();
  return createClient(c.apiUrl, c.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; supabase-js's realtime client needs one.
    realtime: { transport: ws as never },
    ...(accessToken ? { global: { headers: { Authorization: `Bearer ${accessToken}` } } } : {}),
  });
}

export function sql(): postgres.Sql {
  return postgres(credentials().dbUrl, { max: 2, onnotice: () => {} });
}

export function functionUrl(path: string): string {
  return `${credentials().apiUrl}/functions/v1/${path}`;
}
