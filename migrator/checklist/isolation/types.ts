// The isolation proof's options, the people it acts as, what it learns of each relation
// from the catalog, and what it reports.
import { sharedRowTables } from '../../backfill/tables.ts';

export interface IsolationOptions {
  /** Relations shared by every school on purpose ('schema.table' → the written reason). */
  sharedTables: Record<string, string>;
  /** Foreign-key hops followed to find a row's school. */
  maxHops: number;
  /** Rows read from each function call. */
  maxFunctionRows: number;
  /** Impersonate people of at most this many institutions (all when unset). */
  maxInstitutions?: number;
  /** Write probes against at most this many other schools per caller (all when unset). */
  maxForeignSchools?: number;
}

export function defaultIsolationOptions(): IsolationOptions {
  return {
    sharedTables: Object.fromEntries(Object.entries(sharedRowTables).map(([t, why]) => [`public.${t}`, why])),
    maxHops: 3,
    maxFunctionRows: 5000,
  };
}

export interface Caller {
  label: string;
  /** admin, teacher, student, staff, parent, principal, coordinator … or anon. */
  kind: string;
  role: 'anon' | 'authenticated';
  userId: string | null;
  institutionId: string | null;
  institution: string | null;
}

export interface Column {
  name: string;
  type: string;
  generated: boolean;
  identityAlways: boolean;
  hasDefault: boolean;
}

export interface Fk {
  name: string;
  from: number;
  to: number;
  cols: string[];
  refCols: string[];
}

export interface Relation {
  oid: number;
  isRoot: boolean;
  name: string; // schema.relname, as shown
  sqlName: string; // quoted
  kind: 'table' | 'partitioned table' | 'view' | 'materialized view' | 'foreign table';
  parent: string | null;
  isPartition: boolean;
  grantedToApi: boolean;
  columns: Column[];
  key: string[]; // primary key (views: id), empty if none
  judged: 'direct' | 'links' | 'none';
  schoolColumn: string | null;
  paths: string[]; // described paths (links)
  pathExprs: string[]; // SQL over alias t0: the school of the row, as text
  totalRows: number;
  skipped?: string;
  mapTable?: string;
}

/** One row of a relation, each column as text, and the school it belongs to. */
export interface ProbeRow {
  school: string;
  values: Record<string, string | null>;
}

export interface FunctionTally {
  returned: number;
  foreign: number;
  unmatched: number;
  refused: number;
  refusal?: string;
}

export interface Cell {
  visible: number;
  foreign: number;
  writable: number;
  probes: number;
}

export interface VisibilityFailure {
  table: string;
  role: string;
  caller: string;
  count: number;
  why: string;
}
export interface WriteFailure {
  table: string;
  role: string;
  caller: string;
  op: 'update' | 'delete' | 'insert';
  school: string;
  count: number;
  outcome: string;
}
export interface FunctionFailure {
  function: string;
  role: string;
  caller: string;
  count: number;
  why: string;
}

export interface IsolationResult {
  ok: { visibility: boolean; writes: boolean; functions: boolean };
  failures: { visibility: VisibilityFailure[]; writes: WriteFailure[]; functions: FunctionFailure[] };
  totals: {
    /** Relations read as every caller. */
    tablesChecked: number;
    /** Partitions judged through their parent (no grant of their own to an API role). */
    partitionsCoveredByParent: number;
    tablesCovered: number;
    /** Each caller × each row of each relation read: rows whose visibility was judged. */
    rowsChecked: number;
    /** Rows the callers saw (and whose school was checked). */
    rowsVisible: number;
    callers: number;
    institutions: number;
    writeProbes: number;
    functionsProbed: number;
    functionRowsReturned: number;
  };
  schemas: string[];
  callers: string[];
  /** How each relation was judged. */
  relations: { table: string; kind: string; judged: string; path?: string[]; rows: number; skipped?: string }[];
  /** Relations with no path to a school: rows seen, per kind of caller; the reason when shared. */
  noTenantPath: { table: string; visible: Record<string, number>; shared?: string }[];
  unusedSharedTables: string[];
  /** Per relation, per kind of caller (summed over schools): visible rows, rows of another school
   * visible, rows of another school written, write probes made. */
  perTable: Record<string, Record<string, Cell>>;
  /** Write probes by operation and outcome (refused by a policy, no row reached …). */
  writeOutcomes: Record<string, number>;
  writesNotProbed: { table: string; why: string }[];
  /** Per function, per kind of caller: rows returned, rows of another school, rows matched to
   * no school, calls the function refused (it raised). */
  functions: { function: string; probed: boolean; why?: string; rows?: Record<string, FunctionTally> }[];
  unpinnedSecurityDefiner: string[];
  errors: string[];
}
