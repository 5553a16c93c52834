// The coordinator's and the principal's review pages: what awaits each of them in the seed,
// then a card taken through the whole chain with rpc() and the documented HTTP status of
// every refusal. Published cards are immutable, so the chain runs on a fixture school of
// its own (tests/functions/support/fixture.ts), loaded afresh under a new token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { loadFixture, type Fixture, type Person } from '../../functions/support/fixture.ts';
import { tokenClient, userClient } from '../support/rest.ts';
import { FARHAN, SUNITA, VIDYA_NIKETAN } from '../support/people.ts';
import type { Enums } from '../../../supabase/functions/_shared/database.types.ts';

let db: postgres.Sql;
let f: Fixture;
beforeAll(async () => {
  db = connect();
  f = await loadFixture(db);
});
afterAll(async () => {
  await db.end();
});

/** Current cards of Vidya Niketan approved and waiting to be published. */
async function approvedCards(): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select id from hpc_reports where institution_id = ${VIDYA_NIKETAN} and is_current and status = 'approved'`;
  return rows.map((r) => r.id).sort();
}

/** Current cards of Vidya Niketan whose pending approval step is the given duty's. */
async function pendingFor(duty: string): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select r.id from hpc_reports as r
    join hpc_approval_workflows as w on w.institution_id = r.institution_id and w.report_id = r.id and w.kind = 'step' and w.decision = 'pending'
    where r.institution_id = ${VIDYA_NIKETAN} and r.is_current and w.approver_duty = ${duty}`;
  return rows.map((r) => r.id).sort();
}

describe('what awaits the reviewers (seed)', () => {
  it('the coordinator: the cards whose pending step is hers, to review', async () => {
    const pending = await pendingFor('coordinator');
    expect(pending.length).toBeGreaterThan(0);
    const { data, error } = await userClient(FARHAN).rpc('hpc_reports_awaiting_me');
    expect(error).toBeNull();
    expect(data!.map((r) => r.report_id).sort()).toEqual(pending);
    expect(new Set(data!.map((r) => r.action))).toEqual(new Set(['review']));
  });

  it('the principal: approved cards to publish, and the cards whose pending step is hers to review', async () => {
    const approved = await approvedCards();
    expect(approved.length).toBeGreaterThan(0);
    const { data, error } = await userClient(SUNITA).rpc('hpc_reports_awaiting_me');
    expect(error).toBeNull();
    const ids = (action: string) =>
      data!
        .filter((r) => r.action === action)
        .map((r) => r.report_id)
        .sort();
    expect(ids('publish')).toEqual(approved);
    expect(ids('review')).toEqual(await pendingFor('principal'));
  });
});

describe('a card through the chain by rpc()', () => {
  let id: string;
  let version: number;
  const as = (who: Person) => tokenClient(f.token(who));
  const move = async (who: Person, action: Enums<'hpc_report_action'>, extra: { p_comment?: string; p_expected_version?: number } = {}) => {
    const answer = await as(who).rpc('hpc_transition_report', { p_report_id: id, p_action: action, p_expected_version: version, ...extra });
    if (answer.data) version = answer.data.lock_version!;
    return answer;
  };

  beforeAll(async () => {
    const { data, error } = await as('classTeacher').rpc('hpc_generate_report', { p_cycle_id: f.cycle, p_student_id: f.user('ananya') });
    expect(error).toBeNull();
    expect(data).toMatchObject({ status: 'draft', outcome: 'created' });
    [id, version] = [data!.report_id!, data!.lock_version!];
  });

  it('the class teacher submits; the principal may not: 403 HP403', async () => {
    const early = await move('principal', 'submit');
    expect(early.status).toBe(403);
    expect(early.error?.code).toBe('HP403');
    const { data, error, status } = await move('classTeacher', 'submit');
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toMatchObject({ report_id: id, status: 'submitted', action: 'submit' });
  });

  it('the coordinator approves into review; a stale version is refused with 409 HP409', async () => {
    const stale = await move('coordinator', 'approve', { p_expected_version: version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.error?.code).toBe('HP409');
    const { data, status } = await move('coordinator', 'approve');
    expect(status).toBe(200);
    expect(data).toMatchObject({ status: 'in_review', action: 'approve' });
  });

  it('the principal cannot publish before approving (422 HP422), nor ask for changes without a comment (400 HP400)', async () => {
    const early = await move('principal', 'publish');
    expect(early.status).toBe(422);
    expect(early.error?.code).toBe('HP422');
    const bare = await move('principal', 'request_changes');
    expect(bare.status).toBe(400);
    expect(bare.error?.code).toBe('HP400');
  });

  it("another school's principal does not find the card: 404 HP404", async () => {
    const { status, error } = await move('otherPrincipal', 'approve');
    expect(status).toBe(404);
    expect(error?.code).toBe('HP404');
  });

  it('the principal approves and publishes; the card is published and its family may read it', async () => {
    expect((await move('principal', 'approve')).data).toMatchObject({ status: 'approved' });
    const { data, status } = await move('principal', 'publish');
    expect(status).toBe(200);
    expect(data).toMatchObject({ status: 'published', action: 'publish' });
    expect(data!.published_at).toBeTruthy();
    const family = await as('parent').from('hpc_published_reports').select('id, status').eq('id', id);
    expect(family.data).toEqual([{ id, status: 'published' }]);
    const awaiting = await as('principal').rpc('hpc_reports_awaiting_me');
    expect(awaiting.data!.map((r) => r.report_id)).not.toContain(id);
  });
});
