// hpc-approvals through the real gateway and Deno, with supabase-js functions.invoke as the
// people of each role: the whole chain, refusals, history, "what awaits me", reopen, and 50
// simultaneous conflicting transitions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { credentials, sql as openSql } from '../support/test-stack.ts';
import { loadFixture, type Fixture, type Person } from './support/fixture.ts';
import { invoke } from './support/invoke.ts';

let sql: postgres.Sql;
let f: Fixture;

beforeAll(async () => {
  sql = openSql();
  f = await loadFixture(sql);
});
afterAll(async () => {
  await sql?.end();
});

async function card(student: Person): Promise<{ id: string; lockVersion: number }> {
  const r = await invoke(f.token('classTeacher'), 'hpc-reports/generate', { body: { cycle_id: f.cycle, student_id: f.user(student) } });
  expect(r.status).toBe(200);
  return { id: r.body.report.report_id, lockVersion: r.body.report.lock_version };
}

const transition = (who: Person, id: string, body: Record<string, unknown>) =>
  invoke(f.token(who), `hpc-approvals/reports/${id}/transitions`, { body });

describe('the approval chain through hpc-approvals', () => {
  let id: string;
  let version: number;
  const step = async (who: Person, action: string, extra: Record<string, unknown> = {}) => {
    const r = await transition(who, id, { action, expected_version: version, ...extra });
    if (r.ok) version = r.body.result.lock_version;
    return r;
  };

  beforeAll(async () => {
    ({ id, lockVersion: version } = await card('ananya'));
  });

  it('draft → submitted by the class teacher only', async () => {
    for (const who of ['subjectTeacher', 'coordinator', 'principal'] as const) {
      const r = await step(who, 'submit');
      expect(r.status, who).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    for (const who of ['parent', 'ananya', 'classTeacher2', 'otherPrincipal', 'teacherWithoutDuty'] as const) {
      expect((await step(who, 'submit')).status, who).toBe(404);
    }
    expect((await step('principal', 'publish')).status).toBe(422);
    const r = await step('classTeacher', 'submit', { comment: 'Ready' });
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ status: 'submitted', action: 'submit' });
  });

  it('refuses a stale expected_version with 409', async () => {
    const r = await transition('coordinator', id, { action: 'approve', expected_version: version - 1 });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('conflict');
  });

  it('shows the card in the coordinator\'s "awaiting", not yet in the principal\'s', async () => {
    const mine = await invoke(f.token('coordinator'), 'hpc-approvals/awaiting');
    expect(mine.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ report_id: id, action: 'review', approver_duty: 'coordinator' })]),
    );
    const principal = await invoke(f.token('principal'), 'hpc-approvals/awaiting');
    expect(principal.body.items.map((i: { report_id: string }) => i.report_id)).not.toContain(id);
  });

  // Values reach the database as escaped literals (a transaction is one simple query): quotes,
  // backslashes, a statement separator and a placeholder in a comment must stay data.
  const changesComment = String.raw`Add the peer rating — it's "missing"\'); select pg_sleep(5); -- $1 \x41`;

  it('changes requested go back with a comment; the class teacher resubmits', async () => {
    expect((await step('coordinator', 'request_changes')).status).toBe(400);
    const back = await step('coordinator', 'request_changes', { comment: changesComment });
    expect(back.body.result.status).toBe('changes_requested');
    const waiting = await invoke(f.token('classTeacher'), 'hpc-approvals/awaiting');
    expect(waiting.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ report_id: id, action: 'submit' })]));
    expect((await step('classTeacher', 'submit')).body.result.status).toBe('submitted');
  });

  it('submitted → in_review (coordinator) → approved (principal) → published (principal)', async () => {
    expect((await step('principal', 'approve')).status).toBe(403);
    expect((await step('coordinator', 'approve')).body.result.status).toBe('in_review');
    expect((await step('coordinator', 'approve')).status).toBe(403);
    expect((await step('admin', 'approve')).status).toBe(403);
    expect((await step('principal', 'approve', { comment: 'Well written' })).body.result.status).toBe('approved');
    expect((await step('classTeacher', 'publish')).status).toBe(403);
    const published = await step('principal', 'publish');
    expect(published.body.result).toMatchObject({ status: 'published' });
    expect(published.body.result.published_at).toBeTruthy();
  });

  it('lets the family read the published card', async () => {
    for (const who of ['parent', 'ananya'] as const) {
      const r = await invoke(f.token(who), `hpc-reports/reports/${id}`);
      expect(r.status, who).toBe(200);
      expect(r.body.report.status).toBe('published');
    }
    expect((await invoke(f.token('kabir'), `hpc-reports/reports/${id}`)).status).toBe(404);
  });

  it('reopens only by the principal with a reason, as a new version; the published one stays', async () => {
    expect((await step('classTeacher', 'reopen', { comment: 'typo' })).status).toBe(403);
    expect((await step('principal', 'reopen')).status).toBe(400);
    const [before] = await sql`select content_hash, content::text as content from public.hpc_reports where id = ${id}`;
    const r = await step('principal', 'reopen', { comment: 'Wrong attendance figure' });
    expect(r.body.result).toMatchObject({ version: 2, status: 'draft', previous_report_id: id, is_current: true });
    const [after] = await sql`select status, is_current, content_hash, content::text as content from public.hpc_reports where id = ${id}`;
    expect(after).toMatchObject({ status: 'published', is_current: false, content_hash: before!.content_hash, content: before!.content });

    const history = await invoke(f.token('principal'), `hpc-approvals/reports/${r.body.result.report_id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    expect(history.body.steps.map((s: { action: string }) => s.action)).toEqual([
      'submit',
      'request_changes',
      'submit',
      'approve',
      'approve',
      'publish',
      'reopen',
    ]);
    expect(history.body.steps.at(-1)).toMatchObject({ comment: 'Wrong attendance figure', decided_role: 'principal' });
    expect(history.body.steps[1]).toMatchObject({ action: 'request_changes', comment: changesComment });
    const [audit] = await sql`select count(*)::int as n from public.audit_events
      where table_name in ('hpc_reports', 'hpc_approval_workflows') and institution_id = ${f.institution}
        and actor_id = ${f.user('principal')}`;
    expect(audit!.n).toBeGreaterThanOrEqual(6);
  });

  it('shows a family only the published versions, no steps (RLS); another school nothing', async () => {
    const parent = await invoke(f.token('parent'), `hpc-approvals/reports/${id}/history`);
    expect(parent.status).toBe(200);
    expect(parent.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(parent.body.steps).toEqual([]);
    expect((await invoke(f.token('otherPrincipal'), `hpc-approvals/reports/${id}/history`)).status).toBe(404);
  });

  it('validates the request with field paths', async () => {
    const r = await transition('principal', id, { action: 'archive', expected_version: -1 });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['action', 'expected_version']);
    const notId = await invoke(f.token('principal'), 'hpc-approvals/reports/123/history');
    expect(notId.status).toBe(400);
  });
});

describe('50 simultaneous conflicting transitions', () => {
  it('lets exactly one through; the other 49 get 409; the history has one new step', async () => {
    const { id, lockVersion } = await card('kabir');
    const submitted = await transition('classTeacher', id, { action: 'submit', expected_version: lockVersion });
    const version = submitted.body.result.lock_version;
    const [before] =
      await sql`select count(*)::int as n from public.hpc_approval_workflows where report_id = ${id} and decision <> 'pending'`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        transition(
          'coordinator',
          id,
          i % 2
            ? { action: 'approve', expected_version: version }
            : { action: 'request_changes', expected_version: version, comment: `conflict ${i}` },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const [after] =
      await sql`select count(*)::int as n from public.hpc_approval_workflows where report_id = ${id} and decision <> 'pending'`;
    expect(after!.n - before!.n).toBe(1);
  });
});

describe('GET /hpc-approvals/openapi.json', () => {
  it('documents every route from the zod schemas', async () => {
    const doc = await invoke(credentials().anonKey, 'hpc-approvals/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/hpc-approvals/reports/{id}/transitions', '/hpc-approvals/reports/{id}/history', '/hpc-approvals/awaiting']),
    );
    expect(doc.body.components.schemas.TransitionRequest.properties.action.enum).toEqual([
      'submit',
      'approve',
      'request_changes',
      'publish',
      'reopen',
    ]);
  });
});
