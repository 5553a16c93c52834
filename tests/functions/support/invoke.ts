// Calling the functions as the frontend does: supabase-js functions.invoke with a user's
// access token, through the real gateway and Deno. Errors come back as { status, body } in
// the one error shape.
import { FunctionsHttpError } from '@supabase/supabase-js';
import { client, credentials, functionUrl } from '../../support/test-stack.ts';

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read field by field; each expect() is the check.
export interface Answer<T = any> {
  ok: boolean;
  status: number;
  body: T;
}

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read field by field; each expect() is the check.
export async function invoke<T = any>(
  token: string | undefined,
  path: string,
  options: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<Answer<T>> {
  const { data, error } = await client(token).functions.invoke(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    ...(options.body === undefined ? {} : { body: options.body as Record<string, unknown> }),
  });
  if (!error) return { ok: true, status: 200, body: data as T };
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    return { ok: false, status: response.status, body: (await response.json()) as T };
  }
  throw error;
}

/** A raw request (exact status codes, arbitrary bodies and headers) for fuzzing. */
export async function raw(
  token: string | undefined,
  path: string,
  init: { method: string; body?: string; contentType?: string },
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { apikey: credentials().anonKey };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (init.contentType) headers['content-type'] = init.contentType;
  const response = await fetch(functionUrl(path), { method: init.method, headers, body: init.body });
  return { status: response.status, text: await response.text() };
}
