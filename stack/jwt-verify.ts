// The edge runtime's verify_jwt: a function is called only with a valid HS256 token signed
// with the project's JWT secret (the anon key counts: it is one).
import { errors as joseErrors, jwtVerify } from 'jose';
import { JWT_SECRET } from './settings.ts';

const secret = new TextEncoder().encode(JWT_SECRET);

export type Verdict = { ok: true } | { ok: false; code: string; message: string };

export async function verifyBearer(header: string | undefined): Promise<Verdict> {
  if (!header) return { ok: false, code: 'missing_authorization', message: 'Missing authorization header.' };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { ok: false, code: 'invalid_authorization', message: 'Authorization header must be "Bearer <token>".' };
  try {
    await jwtVerify(match[1]!, secret, { algorithms: ['HS256'] });
    return { ok: true };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, code: 'jwt_expired', message: 'The token has expired.' };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      return { ok: false, code: 'invalid_jwt_signature', message: 'The token signature is invalid.' };
    return { ok: false, code: 'invalid_jwt', message: 'The token is malformed or not acceptable.' };
  }
}
