// The append-only audit log: the principal and institution admins read it; no API role,
// service_role included, writes it (the audit trigger does).
import { NO_GRANT } from './shared-rules.ts';
import { all, none, type Op, type TableRules } from './rules.ts';

export const AUDIT_LOG: TableRules[] = [
  {
    table: 'audit_events',
    scope: 'institution_id = {institution}',
    select: {
      student: none(),
      parent: none(),
      teacher: none(),
      coordinator: none(),
      principal: all("the institution's audit log"),
      institution_admin: all("the institution's audit log"),
    },
    insert: {
      columns: 'institution_id, table_schema, table_name, operation, record_key',
      values: `{institution}, 'public', 'x', 'INSERT', '{}'`,
      rules: NO_GRANT,
    },
    update: { set: 'table_name = table_name', rules: NO_GRANT },
    delete: { target: 'true', rules: NO_GRANT },
  },
];

/** service_role (server-side jobs) bypasses RLS but keeps its grants: the append-only audit
 * log is read-only for it too. */
export const SERVICE_ROLE_DENIED: Partial<Record<string, Op[]>> = {
  audit_events: ['insert', 'update', 'delete'],
};
