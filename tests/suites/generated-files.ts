// The committed TypeScript types of the database must match what `supabase gen types`
// produces from the migrations; regenerate with `npm run types` after a schema change.
import { readFileSync, existsSync } from 'node:fs';
import { generateTypes, typesFile } from '../../stack/types.ts';
import { dbUrl, type StackSettings } from '../../stack/settings.ts';
import { result, type SuiteResult } from './suite.ts';

export async function generatedTypes(s: StackSettings): Promise<SuiteResult> {
  const fresh = await generateTypes(dbUrl(s));
  const committed = existsSync(typesFile) ? readFileSync(typesFile, 'utf8') : '';
  const ok = fresh === committed;
  return result('generated types', [
    { ok, label: ok ? typesFile : `${typesFile} is out of date: run npm run types and commit it` },
  ]);
}
