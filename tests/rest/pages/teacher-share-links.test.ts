// The teacher's share and read-receipt screens through supabase-js and the real PostgREST:
// Sunrise's class teacher of 7-A shares the section's published Term 1 cards with every
// family in one call and reads "n of m families opened"; the principal shares one card; the
// coordinator, the institution admin, a parent, another school's teacher, a teacher of a
// school with the HPC off and anon are refused with the right status and code; a link is
// revoked. The links made here are removed again in afterAll; the seed's links (shared the
// day after publishing, most of them opened) stay and are told apart by when they were issued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { sql as connect } from '../../support/test-stack.ts';
import { anonClient, userClient, userId } from '../support/rest.ts';
import { HARPREET, ISHAAN, MEERA, NEHA, PRIYA, SUNRISE, SURESH, VIKRAM } from '../support/people.ts';

const JOSEPH = 'joseph.dsouza@sunrise.example'; // coordinator, middle stage, Sunrise

let db: postgres.Sql;
let term1: string;
let section7a: string;
let ishaansCard: string;

type IssuedLink = {
  link_id: string;
  token: string;
  path: string;
  report_id: string;
  guardian_id: string;
  language: string;
  expires_at: string;
};
type SectionReceipts = {
  families: number;
  shared: number;
  opened: number;
  cycle: string;
  students: { student_id: string; links: number; opens: number }[];
};

const testStart = new Date().toISOString();
const clean = () => db`delete from report_share_links where institution_id = ${SUNRISE} and issued_at > now() - interval '1 hour'`;

beforeAll(async () => {
  db = connect();
  [{ id: term1 }] = await db<[{ id: string }]>`
    select id from hpc_evaluation_cycles where institution_id = ${SUNRISE} and name = 'Term 1 2026-27'`;
  [{ id: section7a }] = await db<[{ id: string }]>`select id from sections where institution_id = ${SUNRISE} and name = '7-A'`;
  [{ id: ishaansCard }] = await db<[{ id: string }]>`
    select id from hpc_reports where cycle_id = ${term1} and student_id = ${userId(ISHAAN)} and status = 'published' order by version desc limit 1`;
  await clean();
});
afterAll(async () => {
  await clean();
  await db.end();
});

describe('sharing cards with families', () => {
  it("the class teacher shares the section's cards with every family in one call", async () => {
    const { data, error } = await userClient(PRIYA).rpc('hpc_issue_section_share_links', { p_cycle_id: term1, p_section_id: section7a });
    expect(error).toBeNull();
    const batch = data as { links: IssuedLink[]; students_without_published_card: string[] };
    const [{ n }] = await db<[{ n: number }]>`
      select count(*)::int as n from student_guardians as g join section_students as s on s.institution_id = g.institution_id and s.student_id = g.student_id
      where s.section_id = ${section7a}
        and exists (select 1 from hpc_reports as r
                    where r.institution_id = g.institution_id and r.student_id = g.student_id and r.cycle_id = ${term1} and r.status = 'published')`;
    expect(batch.links).toHaveLength(n);
    expect(n).toBeGreaterThan(0);
    for (const link of batch.links) {
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(link.path).toBe(`/functions/v1/hpc-shared-card/cards/${link.token}`);
    }
    expect(new Set(batch.links.map((l) => l.token)).size).toBe(n);
  });

  it("the section's receipts say how many families have a link and how many opened it", async () => {
    const { data, error } = await userClient(PRIYA).rpc('hpc_section_share_receipts', { p_cycle_id: term1, p_section_id: section7a });
    expect(error).toBeNull();
    const receipts = data as SectionReceipts;
    expect(receipts.cycle).toBe('Term 1 2026-27');
    expect(receipts.families).toBeGreaterThan(0);
    expect(receipts.shared).toBe(receipts.families);
    const [{ opened }] = await db<[{ opened: number }]>`
      select count(distinct l.student_id)::int as opened
      from report_share_links as l join section_students as s on s.institution_id = l.institution_id and s.student_id = l.student_id
      where s.section_id = ${section7a}
        and exists (select 1 from report_share_link_opens as o where o.institution_id = l.institution_id and o.link_id = l.id)`;
    expect(receipts.opened).toBe(opened);
    expect(receipts.students).toHaveLength(receipts.families);
  });

  it('the principal shares one card with one guardian, in Hindi, for two days', async () => {
    const { data, error } = await userClient(HARPREET).rpc('hpc_issue_share_link', {
      p_report_id: ishaansCard,
      p_guardian_id: userId(NEHA),
      p_language: 'hi',
      p_expires_in: '2 days',
    });
    expect(error).toBeNull();
    const link = data as IssuedLink;
    expect(link.language).toBe('hi');
    expect(new Date(link.expires_at).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
    expect(new Date(link.expires_at).getTime() - Date.now()).toBeLessThan(49 * 3600_000);
  });

  it("the card's receipts list its links; the table rows hold no token", async () => {
    const { data, error } = await userClient(PRIYA).rpc('hpc_share_receipts', { p_report_id: ishaansCard });
    expect(error).toBeNull();
    const receipts = data as {
      links: { guardian: string; language: string; opens: number; issued_at: string; revoked_at: string | null }[];
    };
    const today = receipts.links.filter((l) => new Date(l.issued_at) > new Date(testStart));
    expect(today.map((l) => l.language).sort()).toEqual(['en', 'hi']);
    expect(today.every((l) => l.guardian === 'Neha Verma' && l.opens === 0 && l.revoked_at === null)).toBe(true);
    const rows = await userClient(PRIYA).from('report_share_links').select('*').eq('report_id', ishaansCard).gt('issued_at', testStart);
    expect(rows.error).toBeNull();
    expect(rows.data).toHaveLength(2);
    expect(Object.keys(rows.data![0]!).some((column) => column.includes('token'))).toBe(false);
  });

  it('the class teacher revokes a link; once', async () => {
    const { data: links } = await userClient(PRIYA)
      .from('report_share_links')
      .select('id')
      .eq('report_id', ishaansCard)
      .eq('language', 'hi')
      .gt('issued_at', testStart);
    const first = await userClient(PRIYA).rpc('hpc_revoke_share_link', { p_link_id: links![0]!.id });
    expect(first.data).toBe(true);
    const again = await userClient(PRIYA).rpc('hpc_revoke_share_link', { p_link_id: links![0]!.id });
    expect(again.data).toBe(false);
    const { data: row } = await userClient(PRIYA).from('report_share_links').select('revoked_by').eq('id', links![0]!.id).single();
    expect(row!.revoked_by).toBe(userId(PRIYA));
  });

  it.each([
    ['the coordinator', JOSEPH, 403, 'HP403'],
    ['the institution admin', VIKRAM, 403, 'HP403'],
    ['the parent', NEHA, 403, 'HP403'],
    ["another school's class teacher", MEERA, 404, 'HP404'],
    ['a class teacher of a school with the HPC off', SURESH, 403, 'HPOFF'],
  ])('%s may not issue a link', async (_who, email, status, code) => {
    const { error, status: answered } = await userClient(email).rpc('hpc_issue_share_link', {
      p_report_id: ishaansCard,
      p_guardian_id: userId(NEHA),
    });
    expect(answered).toBe(status);
    expect(error?.code).toBe(code);
  });

  it('a parent reads no receipts and no links', async () => {
    const receipts = await userClient(NEHA).rpc('hpc_share_receipts', { p_report_id: ishaansCard });
    expect(receipts.status).toBe(403);
    expect(receipts.error?.code).toBe('HP403');
    const rows = await userClient(NEHA).from('report_share_links').select('id');
    expect(rows.data).toEqual([]);
  });

  it('nobody writes a link directly, not even its class teacher', async () => {
    const { error } = await userClient(PRIYA)
      .from('report_share_links')
      .update({ expires_at: '2030-01-01T00:00:00Z' })
      .eq('report_id', ishaansCard);
    expect(error?.code).toBe('42501');
  });

  it('anon reaches none of it', async () => {
    const issue = await anonClient().rpc('hpc_issue_share_link', { p_report_id: ishaansCard, p_guardian_id: userId(NEHA) });
    expect(issue.error?.code).toBe('42501');
    const rows = await anonClient().from('report_share_links').select('id');
    expect(rows.error?.code).toBe('42501');
  });
});
