// The role matrix: who may do what to which rows, per table (the 11 HPC tables, the report
// support tables, share links, the content translation tables, the comment bank, the tenancy
// tables, and BIG DAY's tables; BIG DAY's audit_logs carries no school and is closed to the
// API but for a signed-in user logging their own change, which the catalog-driven isolation
// proof of the migration checklist covers). docs/role-matrix.md and the pgTAP isolation matrix
// (supabase/tests/400-isolation-matrix.test.sql) are generated from it by
// security/generate.ts; the policies in supabase/migrations implement it.
//
// The rules of each table family are in security/role-matrix/; this file assembles them in
// the order the generated docs and tests list them. The vocabulary (roles, operations, a rule
// and its constructors) is in security/role-matrix/rules.ts.
import { AUDIT_LOG } from './role-matrix/audit-log.ts';
import { BIG_DAY_OPERATIONS } from './role-matrix/big-day-operations.ts';
import { HPC_CONTENT } from './role-matrix/hpc-content.ts';
import { HPC_RATINGS_AND_CARDS } from './role-matrix/hpc-ratings-and-cards.ts';
import { HPC_STUDENT_VOICE } from './role-matrix/hpc-student-voice.ts';
import { HPC_TENANCY } from './role-matrix/hpc-tenancy.ts';
import { REPORT_SUPPORT } from './role-matrix/report-support.ts';
import type { TableRules } from './role-matrix/rules.ts';
import { SCHOOL_STRUCTURE } from './role-matrix/school-structure.ts';

export * from './role-matrix/rules.ts';
export { SERVICE_ROLE_DENIED } from './role-matrix/audit-log.ts';

export const MATRIX: TableRules[] = [
  ...SCHOOL_STRUCTURE,
  ...BIG_DAY_OPERATIONS,
  ...HPC_TENANCY,
  ...HPC_CONTENT,
  ...HPC_RATINGS_AND_CARDS,
  ...HPC_STUDENT_VOICE,
  ...REPORT_SUPPORT,
  ...AUDIT_LOG,
];
