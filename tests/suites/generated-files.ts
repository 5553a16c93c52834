// Generated files must match their sources: the database types (`supabase gen types`, from
// the migrated schema; `npm run types`) and the role matrix's docs table and pgTAP matrix
// (from security/role-matrix.ts; `npm run security:generate`).
import { readFileSync, existsSync } from 'node:fs';
import { relative } from 'node:path';
import { generateTypes, typesFile } from '../../stack/types.ts';
import { dbUrl, projectRoot, type StackSettings } from '../../stack/settings.ts';
import { generateMatrixDoc, generateMatrixTest, matrixDocFile, matrixTestFile } from '../../security/generate.ts';
import { result, type SuiteResult } from './suite.ts';

function compare(file: string, fresh: string, command: string) {
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const ok = fresh === committed;
  const name = relative(projectRoot, file);
  return { ok, label: ok ? name : `${name} is out of date: run ${command} and commit it` };
}

export async function generatedFiles(s: StackSettings): Promise<SuiteResult> {
  return result('generated files', [
    compare(typesFile, await generateTypes(dbUrl(s)), 'npm run types'),
    compare(matrixTestFile, generateMatrixTest(), 'npm run security:generate'),
    compare(matrixDocFile, generateMatrixDoc(), 'npm run security:generate'),
  ]);
}
