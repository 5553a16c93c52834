// Where the local stack lives and how to reach it. Supabase's local defaults, so a frontend
// developer's habits work; every value can be moved by an environment variable so that
// tests run a second, throwaway stack beside the developer's one.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** The Supabase CLI's local JWT secret: the anon and service_role keys are signed with it. */
export const JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** The cluster superuser: hosted Supabase's `supabase_admin`; `postgres` is not a superuser. */
export const SUPERUSER = 'supabase_admin';
export const DB_PASSWORD = 'postgres';

export interface StackSettings {
  /** Folder holding the cluster's data, logs and pid files (git-ignored). */
  home: string;
  dbPort: number;
  apiPort: number;
  /** PostgREST, reached by callers only through the gateway's /rest/v1. */
  restPort: number;
  /** Test clusters trade durability for speed; the developer's cluster keeps data safely. */
  throwaway: boolean;
}

export function stackSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  return {
    home: resolve(env.HPC_STACK_HOME ?? join(projectRoot, '.local', 'stack')),
    dbPort: Number(env.HPC_DB_PORT ?? 54322),
    apiPort: Number(env.HPC_API_PORT ?? 54321),
    restPort: Number(env.HPC_REST_PORT ?? 54323),
    throwaway: env.HPC_THROWAWAY === '1',
  };
}

export function dbUrl(s: StackSettings, user = 'postgres', database = 'postgres'): string {
  return `postgresql://${user}:${DB_PASSWORD}@127.0.0.1:${s.dbPort}/${database}`;
}

export function apiUrl(s: StackSettings): string {
  return `http://127.0.0.1:${s.apiPort}`;
}

export const dataDir = (s: StackSettings) => join(s.home, 'pgdata');
export const logFile = (s: StackSettings) => join(s.home, 'postgres.log');
export const pidFile = (s: StackSettings) => join(s.home, 'stack.pid');
