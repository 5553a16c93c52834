// The Citus-safety rules: what keeps the database code working when the tenant tables are
// distributed by institution_id (docs/scale-out.md). Each rule reads the catalog and names
// the objects that break it; `npm test` fails on any not in allow-list.ts.
import type { Rule } from './rule.ts';
import { policiesReadNoTables, triggersIgnoreTableName, triggersWriteTheirTenant } from './policy-and-trigger-rules.ts';
import {
  joinsIncludeInstitution,
  lockingReadsNameTheSchool,
  noForcedGenericPlan,
  noLockingOverFunctionFilter,
  noNowInConditionalWrites,
  noOffsetFence,
  noSimpleCase,
  noSubqueryInInsertValues,
  readersCalledOutsideTenantQueries,
  sqlFunctionsWithParameters,
  updatesReadTheCallerByValue,
  writersCalledOutsideTenantQueries,
} from './query-rules.ts';

export type { Rule, Violation } from './rule.ts';

export const rules: Rule[] = [
  policiesReadNoTables,
  triggersIgnoreTableName,
  triggersWriteTheirTenant,
  joinsIncludeInstitution,
  noForcedGenericPlan,
  noOffsetFence,
  sqlFunctionsWithParameters,
  noNowInConditionalWrites,
  noSubqueryInInsertValues,
  noSimpleCase,
  noLockingOverFunctionFilter,
  updatesReadTheCallerByValue,
  lockingReadsNameTheSchool,
  writersCalledOutsideTenantQueries,
  readersCalledOutsideTenantQueries,
];
