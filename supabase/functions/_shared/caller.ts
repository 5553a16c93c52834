// Who is calling. The gateway has verified the token already (verify_jwt); the function
// verifies it again because it acts on the claims, and a function must not trust a header
// it cannot check. Only signed-in users (role `authenticated`) may use the HPC routes.
import type { Context } from 'hono';
import { jwtVerify, type JWTPayload } from 'jose';
import { ApiError } from './errors.ts';

export interface Caller {
  userId: string;
  claims: JWTPayload & { role?: string; sub?: string };
}

function secret(): Uint8Array {
  const value = Deno.env.get('SUPABASE_JWT_SECRET') ?? Deno.env.get('JWT_SECRET');
  if (!value) throw new Error('SUPABASE_JWT_SECRET is not set');
  return new TextEncoder().encode(value);
}

export async function requireUser(c: Context): Promise<Caller> {
  const header = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw new ApiError(401, 'missing_authorization', 'Missing authorization header.');
  let claims: Caller['claims'];
  try {
    claims = (await jwtVerify(token, secret(), { algorithms: ['HS256'] })).payload;
  } catch {
    throw new ApiError(401, 'invalid_jwt', 'The token is invalid or expired.');
  }
  if (claims.role !== 'authenticated' || typeof claims.sub !== 'string') {
    throw new ApiError(401, 'user_required', 'This route needs a signed-in user, not an API key.');
  }
  return { userId: claims.sub, claims };
}
