// Derives the pgTAP isolation matrix and the docs table from security/role-matrix.ts.
// `npm run security:generate` rewrites both; npm test fails when they are out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../stack/settings.ts';
import { ACTOR, MATRIX, OPS, ROLES, SERVICE_ROLE_DENIED, type Op, type Role, type Rule, type TableRules } from './role-matrix.ts';
import { fixtureId, withIds, type Side } from './fixture-ids.ts';

export const matrixTestFile = join(projectRoot, 'supabase', 'tests', '400-isolation-matrix.test.sql');
export const matrixDocFile = join(projectRoot, 'docs', 'role-matrix.md');

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

function fixture(side: Side, hpcOn: boolean): string {
  const template = readFileSync(join(projectRoot, 'security', 'isolation-fixture.sql'), 'utf8');
  return withIds(template, side).replace(/\{hpc_enabled\}/g, String(hpcOn));
}

function me(role: Role, side: Side): string {
  const who = ACTOR[role];
  return who ? `'${fixtureId(side, who as never)}'` : 'null';
}

/** The statement the role attempts against institution `target`, signed in at `home`. */
function statement(t: TableRules, op: Op, role: Role, target: Side, home: Side): string {
  const bind = (sql: string) => withIds(sql, target).replace(/\{me\}/g, me(role, home));
  const scope = bind(t.scope);
  switch (op) {
    case 'select':
      return `select 1 from public.${t.table} where ${scope}`;
    case 'insert': {
      const values = typeof t.insert.values === 'string' ? t.insert.values : t.insert.values[role]!;
      return `insert into public.${t.table} (${t.insert.columns}) values (${bind(values)})`;
    }
    case 'update':
      return `update public.${t.table} set ${t.update.set} where ${scope}`;
    case 'delete':
      return `delete from public.${t.table} where ${scope} and (${bind(t.delete.target)})`;
  }
}

function ruleFor(t: TableRules, op: Op, role: Exclude<Role, 'anon' | 'service_role'>): Rule {
  return op === 'select' ? t.select[role] : t[op].rules[role];
}

/** The expected outcome: a literal, or SQL that postgres evaluates (outside RLS) to the rows. */
type Expected = { literal: string } | { count: string };

function expected(t: TableRules, op: Op, role: Role, target: Side, home: Side): Expected {
  const bind = (sql: string) => withIds(sql, target).replace(/\{me\}/g, me(role, home));
  const literal = (outcome: string): Expected => ({ literal: q(outcome) });
  const count = (predicate: string): Expected => {
    const target_ = op === 'delete' ? ` and (${bind(t.delete.target)})` : '';
    // nullif: a rule that grants rows must find some in the fixture, or the case fails.
    return {
      count: `'rows ' || nullif((select count(*) from public.${t.table} where ${bind(t.scope)}${target_} and (${bind(predicate)})), 0)`,
    };
  };
  if (role === 'anon') return literal('error 42501');
  if (role === 'service_role') {
    if (SERVICE_ROLE_DENIED[t.table]?.includes(op)) return literal('error 42501');
    if (op === 'insert')
      return t.serviceInsert && 'error' in t.serviceInsert ? literal(`error ${t.serviceInsert.error}`) : literal('rows 1');
    if (op === 'delete' && t.serviceDelete && 'error' in t.serviceDelete) return literal(`error ${t.serviceDelete.error}`);
    return count('true');
  }
  const rule = ruleFor(t, op, role);
  if ('denied' in rule) return literal('error 42501');
  if (target !== home) return op === 'insert' ? literal('error 42501') : literal('rows 0');
  if ('error' in rule) return literal(`error ${rule.error}`);
  if (op === 'insert') return literal('rows 1');
  return rule.sql === 'false' ? literal('rows 0') : count(rule.sql);
}

/** Signs in as the role, as its person of institution A. */
function signIn(role: Role): string {
  if (role === 'anon') return 'select tests.authenticate_as_anon();';
  if (role === 'service_role') return 'select tests.authenticate_as_service_role();';
  return `select tests.authenticate_as(${me(role, 'a')});`;
}

/** The institutions of the fixture the matrix uses. */
const SIDES: Side[] = ['a', 'b'];

const fixtureTemplate = () => readFileSync(join(projectRoot, 'security', 'isolation-fixture.sql'), 'utf8');

/** The tables the fixture fills, in its order. */
function fixtureTables(): string[] {
  return [...new Set([...fixtureTemplate().matchAll(/^insert into ([a-z_]+\.[a-z_]+)/gm)].map((m) => m[1]!))];
}

/** The fixture's accounts (auth.users) of one institution. */
function fixtureAccounts(side: Side): string[] {
  const users = fixtureTemplate().split('insert into auth.users')[1]?.split(';')[0] ?? '';
  return [...users.matchAll(/\{([a-z0-9_]+)\}/g)].filter((m) => m[1] !== 'side').map((m) => withIds(m[0], side));
}

/** Removes the fixture and what its triggers wrote (audit entries, context versions), in a
 * committed transaction with the triggers off: the removal leaves no audit entry of its own
 * and runs no key's action or check. One connection per node (a placeholder setting on one
 * node): Citus refuses a write of a reference table after a parallel one in the transaction. */
function removeFixture(): string {
  const schools = SIDES.map((side) => withIds('{institution}', side)).join(', ');
  const accounts = SIDES.flatMap(fixtureAccounts).join(', ');
  const tables = [...fixtureTables().reverse(), 'public.audit_events', 'private.context_versions'];
  return [
    'begin;',
    'set local session_replication_role = replica;',
    "set local citus.multi_shard_modify_mode = 'sequential';",
    ...tables.map((table) => {
      if (table === 'public.institutions') return `delete from ${table} where id in (${schools});`;
      if (table === 'auth.users') return `delete from ${table} where id in (${accounts});`;
      return `delete from ${table} where institution_id in (${schools});`;
    }),
    'commit;',
    '-- The analytics views again, should a scheduled refresh have read the fixture.',
    'do $$',
    'declare',
    '  v_view text;',
    '  v_rows bigint;',
    'begin',
    '  for v_view in',
    '    select c.relname from pg_catalog.pg_class as c',
    "    where c.relnamespace = 'analytics'::regnamespace and c.relkind = 'm'",
    "      and exists (select 1 from pg_catalog.pg_attribute as a where a.attrelid = c.oid and a.attname = 'institution_id')",
    '    order by c.relname',
    '  loop',
    `    execute format('select count(*) from analytics.%I where institution_id in (${schools.replace(/'/g, "''")})', v_view) into v_rows;`,
    '    if v_rows > 0 then',
    "      perform count(*) from analytics.refresh(v_view, 'manual');",
    '    end if;',
    '  end loop;',
    'end $$;',
  ].join('\n');
}

export function generateMatrixTest(): string {
  const counts: string[] = [];
  // A role's attempts in a few transactions, each signed in once at its start: the tests
  // schema (whose name every pgTAP file takes for its transaction) is held for a while only.
  const tablesPerTransaction = 11;
  const transactions: string[][] = [];
  let cases = 0;
  for (const role of ROLES) {
    for (let first = 0; first < MATRIX.length; first += tablesPerTransaction) {
      const tables = MATRIX.slice(first, first + tablesPerTransaction);
      const lines = [
        `-- ${role}: ${tables[0]!.table} … ${tables[tables.length - 1]!.table}`,
        'begin;',
        '\\ir support/tests-schema.sql',
        signIn(role),
      ];
      for (const t of tables) {
        for (const op of OPS) {
          for (const target of SIDES) {
            const where = target === 'a' ? 'own institution' : 'another institution';
            const label = `${role} ${op} ${t.table} (${where})`;
            const outcome = expected(t, op, role, target, 'a');
            let want: string;
            if ('literal' in outcome) {
              want = outcome.literal;
            } else {
              counts.push(`insert into t_expected (n, outcome) select ${counts.length + 1}, ${outcome.count};`);
              want = `(select outcome from t_expected where n = ${counts.length})`;
            }
            lines.push(`select is(tests.attempt(${q(statement(t, op, role, target, 'a'))}),\n  ${want}, ${q(label)});`);
            cases++;
          }
        }
      }
      lines.push('select tests.clear_authentication();');
      transactions.push(lines);
    }
  }
  transactions[transactions.length - 1]!.push('select * from finish();');
  return [
    '-- GENERATED by security/generate.ts from security/role-matrix.ts: do not edit by hand.',
    '-- Every table × role × operation × (own institution, another institution): the rows a',
    '-- role reaches must equal the rows the matrix grants (counted independently, as postgres);',
    '-- denials are 42501 where a grant or a policy check refuses, zero rows where a filter hides.',
    '-- Each statement is attempted as the role and undone (tests.attempt: "rows N" or "error',
    '-- SQLSTATE"), so that the fixture stays as it was for the next.',
    '--',
    '-- Several transactions, for Citus: within one, a shard written as one database user cannot',
    "-- be read or written as another (25001), and a user's write waits on rows the owner wrote",
    '-- and has not committed (a distributed deadlock). So the fixture is committed first, with',
    '-- the counts the matrix expects, taken as postgres; a role makes its attempts in',
    '-- transactions of its own (a few tables each), rolled back, signed in once at the start of',
    '-- each (tests.authenticate_as reads as the owner); the fixture is removed at the end (and',
    '-- first, should an earlier run have left it), leaving the data as it was.',
    '',
    removeFixture(),
    '',
    '-- Institution A and its mirror B, both with HPC on; the counts the matrix expects.',
    'begin;',
    `select plan(${cases});`,
    fixture('a', true),
    fixture('b', true),
    '',
    'create temp table t_expected (n integer primary key, outcome text);',
    'grant select on t_expected to anon, authenticated, service_role;',
    ...counts,
    'commit;',
    '',
    "-- Whatever happens in the attempts' transactions, the fixture is removed after them.",
    '\\set ON_ERROR_STOP 0',
    ...transactions.flatMap((lines) => [...lines, 'rollback;', '']),
    '\\set ON_ERROR_STOP 1',
    removeFixture(),
    '',
  ].join('\n');
}

function describe(rule: Rule, op: Op): string {
  if ('denied' in rule) return `✗ ${rule.denied}`;
  if ('error' in rule) return `policy allows; ${rule.why}`;
  if (rule.sql === 'false') return op === 'insert' ? '✗' : '—';
  return rule.rows;
}

export function generateMatrixDoc(): string {
  const roles = ROLES.filter((r) => r !== 'anon' && r !== 'service_role') as Exclude<Role, 'anon' | 'service_role'>[];
  const lines = [
    '# Role matrix',
    '',
    'GENERATED by `security/generate.ts` from `security/role-matrix.ts` (the source of truth; the',
    'policies in `supabase/migrations/20250201*` implement it and `supabase/tests/400-isolation-matrix.test.sql`',
    'is generated from it). Regenerate with `npm run security:generate`.',
    '',
    'Applies to every role, every table:',
    '- **anon** reaches nothing: no grants on any school table (42501).',
    "- **Another institution**: no role but `service_role` reads or writes another institution's rows",
    '  (reads and updates find no rows, inserts are refused with 42501).',
    '- **HPC flag off**: every `hpc_*` row of that institution is hidden from its users (existing BIG DAY',
    '  tables stay as they are).',
    '- **service_role** (server-side jobs only) bypasses RLS; the audit log is read-only even for it.',
    '- `report_narratives` and `report_jobs` are written only through the report functions',
    "  (`hpc_save_narrative`, `hpc_batch_start`), which check the caller's duties themselves.",
    '- `comment_bank_phrases` are retired (`retired_at`), never deleted through the API: a narrative keeps',
    '  the phrase it was written from (`report_narratives.source_phrase_id`).',
    "- Workflow columns (report status, approval decisions, cycle status) are in no API role's UPDATE",
    '  grant: they move only through the workflow functions. A user cannot change their own',
    '  `institution_id` or `role`. Published reports are immutable.',
    '',
    'Roles: *student*, *parent* (guardian accounts), *teacher* (class or subject teacher of sections),',
    '*coordinator*, *principal*, *institution admin* (duty `institution_admin` or BIG DAY role `admin`).',
    'A released cycle is one that is locked or archived. "—" = no rows (filtered), "✗" = refused.',
    '',
  ];
  for (const t of MATRIX) {
    lines.push(`## ${t.table}`, '', `| operation | ${roles.join(' | ')} |`, `|---|${roles.map(() => '---').join('|')}|`);
    for (const op of OPS) {
      lines.push(`| ${op} | ${roles.map((r) => describe(ruleFor(t, op, r), op)).join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push(
    '## Evidence files (storage bucket `hpc-evidence`)',
    '',
    'Private bucket, 10 MiB per file, images, PDF, audio and video only. Object paths are',
    "`<institution_id>/<student_id>/<file>`. Read: leaders (whole institution), the student's teachers,",
    'the student, their parents. Upload: those who assess the student (their teachers, the student,',
    'their parents, an assigned peer), as the owner. Replace: the uploader. Remove: the uploader or an',
    'institution admin. HPC off hides everything.',
    '',
  );
  return lines.join('\n');
}

const isMain = process.argv[1]?.endsWith('generate.ts');
if (isMain) {
  writeFileSync(matrixTestFile, generateMatrixTest());
  writeFileSync(matrixDocFile, generateMatrixDoc());
  console.log(`Wrote ${matrixTestFile} and ${matrixDocFile}.`);
}
