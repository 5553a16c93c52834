// JSON Web Tokens for the local stack, signed with the Supabase CLI's local secret.
import { SignJWT } from 'jose';
import { JWT_SECRET } from './settings.ts';

const secret = new TextEncoder().encode(JWT_SECRET);

/** The Supabase CLI's long-lived local keys (same claims, so the same tokens). */
const API_KEY_EXPIRY = 1983812996;

export function sign(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
}

export const anonKey = () => sign({ iss: 'supabase-demo', role: 'anon', exp: API_KEY_EXPIRY });
export const serviceRoleKey = () => sign({ iss: 'supabase-demo', role: 'service_role', exp: API_KEY_EXPIRY });

/** Supabase's newer API keys, as its CLI serves them locally (the same fixed values): not
 * JWTs. The gateway stands in the anon or service_role key for them on the way to PostgREST,
 * as the hosted API gateway does; a frontend may use either style. */
export const publishableKey = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const secretKey = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

/** Every key the gateway accepts for /rest/v1, with the JWT PostgREST gets for it. */
export async function apiKeyJwts(): Promise<Record<string, string>> {
  const anon = await anonKey();
  const service = await serviceRoleKey();
  return { [anon]: anon, [service]: service, [publishableKey]: anon, [secretKey]: service };
}

export interface TokenUser {
  id: string;
  email: string;
}

/** A signed-in user's access token, shaped as GoTrue issues it. */
export function userToken(user: TokenUser, ttlSeconds = 7 * 24 * 3600): Promise<string> {
  return sign(userClaims(user, ttlSeconds));
}

/** The claims GoTrue signs for a user signed in with a password. */
export function userClaims(user: TokenUser, ttlSeconds = 7 * 24 * 3600): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'http://127.0.0.1:54321/auth/v1',
    sub: user.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: user.email,
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: crypto.randomUUID(),
    is_anonymous: false,
    iat: now,
    exp: now + ttlSeconds,
  };
}
