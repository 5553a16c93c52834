// hpc-shared-card through the real gateway and Deno, without any account: Anaya's class
// teacher shares her published Term 1 card with her mother in Hindi; the link opens the same
// printable card as hpc-reports prints, in Hindi throughout, and the teacher then sees the
// receipt. Expired,
// revoked, forged and malformed tokens get byte-identical answers; a client trying forged
// tokens is stopped by the rate limit, and so is one token asked for too often.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { client, credentials, functionUrl, sql as connect } from '../support/test-stack.ts';
import { invoke } from './support/invoke.ts';

const person = (email: string) => credentials().users.find((u) => u.email === email)!;
const LAKSHMI = () => person('lakshmi.narayanan@vidyaniketan.example'); // class teacher 2-A
const KAVITA = () => person('kavita.sharma@parents.vidyaniketan.example'); // Anaya's mother
const ANAYA_ID = '00000000-0000-4000-a000-000000000009';

interface IssuedLink {
  link_id: string;
  token: string;
  path: string;
}

let db: postgres.Sql;
let card: string;
// Addresses of this run only: rate-limit windows of an earlier run cannot interfere.
const run = randomBytes(2);
const address = (n: number) => `10.${run[0]}.${run[1]}.${n}`;

async function issue(language = 'hi'): Promise<IssuedLink> {
  const { data, error } = await client(LAKSHMI().token).rpc('hpc_issue_share_link', {
    p_report_id: card,
    p_guardian_id: KAVITA().id,
    p_language: language,
  });
  if (error) throw new Error(error.message);
  return data as IssuedLink;
}

/** What a guardian's browser sends: no API key, no token, the platform's x-forwarded-for. */
const open = (token: string, from: string) =>
  fetch(`${credentials().apiUrl}/functions/v1/hpc-shared-card/cards/${encodeURIComponent(token)}`, {
    headers: { 'x-forwarded-for': `${from}, 172.16.0.1` },
  });

beforeAll(async () => {
  db = connect();
  [{ id: card }] = await db<[{ id: string }]>`
    select id from hpc_reports where student_id = ${ANAYA_ID} and status = 'published' order by version desc limit 1`;
});
afterAll(async () => {
  await db`delete from report_share_links where report_id = ${card} and issued_at > now() - interval '1 hour'`;
  await db.end();
});

describe('a card shared with a family', () => {
  it("opens without any account, in the link's language, as hpc-reports prints it", async () => {
    const link = await issue('hi');
    expect(functionUrl(link.path.replace('/functions/v1/', ''))).toBe(`${credentials().apiUrl}${link.path}`);
    const response = await open(link.token, address(1));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const shared = (await response.json()) as { language: string; version: number; html: string };
    expect(shared.language).toBe('hi');
    expect(shared.html).toContain('<html lang="hi">');
    expect(shared.html).toContain('Anaya Sharma');
    // Hindi throughout: every text the school wrote is translated (none marked as fallen back
    // to English), the cycle and the levels included.
    expect(shared.html).not.toContain('class="fallback"');
    expect(shared.html).toContain('सत्र 1, 2026-27');
    expect(shared.html).toContain('प्रगतिशील');
    const printed = await invoke(LAKSHMI().token, `hpc-reports/reports/${card}/print?lang=hi`);
    expect(printed.status).toBe(200);
    expect(shared.html).toBe(printed.body.html);

    const receipts = await client(LAKSHMI().token).rpc('hpc_share_receipts', { p_report_id: card });
    expect(receipts.error).toBeNull();
    const mine = (receipts.data as { links: { link_id: string; opens: number; first_opened_at: string | null }[] }).links.find(
      (l) => l.link_id === link.link_id,
    )!;
    expect(mine.opens).toBe(1);
    expect(Date.now() - new Date(mine.first_opened_at!).getTime()).toBeLessThan(60_000);
  });

  it('expired, revoked, forged and malformed tokens get byte-identical answers', async () => {
    const expired = await issue();
    await db`update report_share_links set issued_at = now() - interval '8 days', expires_at = now() - interval '1 day'
             where id = ${expired.link_id}`;
    const revoked = await issue();
    const revoke = await client(LAKSHMI().token).rpc('hpc_revoke_share_link', { p_link_id: revoked.link_id });
    expect(revoke.data).toBe(true);
    const forged = randomBytes(32).toString('base64url');
    const answers = await Promise.all(
      [expired.token, revoked.token, forged, 'not-a-token', "'; select 1; --"].map(async (token, i) => {
        const response = await open(token, address(10 + i));
        return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
      }),
    );
    expect(answers[0]!.status).toBe(404);
    expect(JSON.parse(answers[0]!.body).error.code).toBe('link_unavailable');
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('stops a client trying forged tokens, with Retry-After', async () => {
    const from = address(100);
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await open(randomBytes(32).toString('base64url'), from)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(statuses.slice(30)).toEqual(Array(5).fill(429));
    const limited = await open(randomBytes(32).toString('base64url'), from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(120);
    expect((await limited.json()).error.code).toBe('rate_limited');
    // A valid link from that client waits too; another client is not held up.
    const link = await issue();
    expect((await open(link.token, from)).status).toBe(429);
    expect((await open(link.token, address(101))).status).toBe(200);
  });

  it('stops one token asked for too often, from any number of clients', async () => {
    const link = await issue('en');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await open(link.token, address(150 + i))).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
  });
});
