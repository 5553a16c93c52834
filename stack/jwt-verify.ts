// The edge runtime's verify_jwt: a function is called only with a valid HS256 token signed
// with the project's JWT secret (the anon key counts: it is one). A token already verified is
// remembered until it expires (a client sends the same one with every request; a check costs
// about 0.2 ms here).
import { errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';
import { JWT_SECRET } from './settings.ts';

const secret = new TextEncoder().encode(JWT_SECRET);

export type Verdict = { ok: true } | { ok: false; code: string; message: string };

/** Verified tokens with their claims; the oldest go first past the limit. */
const verified = new Map<string, JWTPayload>();
const VERIFIED_LIMIT = 1_000;

/** Whether the claims' lifetime (exp, nbf) holds now, as jwtVerify would judge it. */
function current(claims: JWTPayload): boolean {
  const now = Date.now() / 1000;
  return (claims.exp === undefined || claims.exp > now) && (claims.nbf === undefined || claims.nbf <= now);
}

export async function verifyBearer(header: string | undefined): Promise<Verdict> {
  if (!header) return { ok: false, code: 'missing_authorization', message: 'Missing authorization header.' };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { ok: false, code: 'invalid_authorization', message: 'Authorization header must be "Bearer <token>".' };
  const token = match[1]!;
  const known = verified.get(token);
  if (known && current(known)) return { ok: true };
  verified.delete(token);
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    if (verified.size >= VERIFIED_LIMIT) verified.delete(verified.keys().next().value!);
    verified.set(token, payload);
    return { ok: true };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, code: 'jwt_expired', message: 'The token has expired.' };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      return { ok: false, code: 'invalid_jwt_signature', message: 'The token signature is invalid.' };
    return { ok: false, code: 'invalid_jwt', message: 'The token is malformed or not acceptable.' };
  }
}
