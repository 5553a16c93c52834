// hpc-reports through the real gateway and Deno, with supabase-js functions.invoke as the
// people of each role of the issue 5 fixture (two institutions, every duty).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { credentials, sql as openSql } from '../support/test-stack.ts';
import { loadFixture, type Fixture } from './support/fixture.ts';
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

const generate = (who: Parameters<Fixture['token']>[0], body: Record<string, unknown>) =>
  invoke(f.token(who), 'hpc-reports/generate', { body });

describe('POST /hpc-reports/generate', () => {
  it('compiles a card for the class teacher, and changes nothing when regenerated', async () => {
    const first = await generate('classTeacher', { cycle_id: f.cycle, student_id: f.user('ananya') });
    expect(first.status).toBe(200);
    expect(first.body.report).toMatchObject({ outcome: 'created', status: 'draft', version: 1, lock_version: 0 });
    expect(first.body.report.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await generate('classTeacher', { cycle_id: f.cycle, student_id: f.user('ananya') });
    expect(again.body.report).toMatchObject({ outcome: 'unchanged', lock_version: 0, content_hash: first.body.report.content_hash });
    const [audit] = await sql`select count(*)::int as n from public.audit_events
      where table_name = 'hpc_reports' and record_key ->> 'id' = ${first.body.report.report_id}`;
    expect(audit!.n).toBe(1);
  });

  it('lets the coordinator, the principal and the admin generate; refuses other roles', async () => {
    for (const who of ['coordinator', 'principal', 'admin'] as const) {
      const r = await generate(who, { cycle_id: f.cycle, student_id: f.user('ananya') });
      expect(r.status, who).toBe(200);
    }
    for (const who of ['subjectTeacher', 'classTeacher2', 'parent', 'ananya', 'teacherWithoutDuty'] as const) {
      const r = await generate(who, { cycle_id: f.cycle, student_id: f.user('ananya') });
      expect(r.status, who).toBe(403);
      expect(r.body.error.code, who).toBe('forbidden');
    }
    const other = await generate('otherPrincipal', { cycle_id: f.cycle, student_id: f.user('ananya') });
    expect(other.status).toBe(404);
  });

  it('refuses an API key (no user) with 401 and bad input with 400 and field paths', async () => {
    const anon = await invoke(credentials().anonKey, 'hpc-reports/generate', { body: { cycle_id: f.cycle, student_id: f.user('ananya') } });
    expect(anon.status).toBe(401);
    const bad = await generate('classTeacher', { cycle_id: 'nope', student_id: f.user('ananya'), extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('cycle_id');
    const both = await generate('classTeacher', { cycle_id: f.cycle });
    expect(both.status).toBe(400);
    expect(both.body.error.requestId).toBeTruthy();
  });

  it('generates one student only: a section goes through /batches', async () => {
    const r = await generate('classTeacher', { cycle_id: f.cycle, section_id: f.section });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });
});

describe('POST /hpc-reports/batches', () => {
  it('generates a whole section as a batch (wait: true) and reports its progress', async () => {
    const r = await invoke(f.token('classTeacher'), 'hpc-reports/batches', {
      body: { kind: 'generate', cycle_id: f.cycle, section_id: f.section, wait: true },
    });
    expect(r.status).toBe(200);
    expect(r.body.batch).toMatchObject({ status: 'completed', done: true, total: 2, processed: 2, failed: 0 });
    const status = await invoke(f.token('classTeacher'), `hpc-reports/batches/${r.body.batch.job_id}`);
    expect(status.body.batch).toMatchObject({ status: 'completed', processed: 2 });
    const stranger = await invoke(f.token('classTeacher2'), `hpc-reports/batches/${r.body.batch.job_id}`);
    expect(stranger.status).toBe(404);
  });

  it('runs a cycle batch in the background (202) that can be polled and resumed', async () => {
    const started = await invoke(f.token('coordinator'), 'hpc-reports/batches', { body: { kind: 'generate', cycle_id: f.cycle2 } });
    expect(started.status).toBe(200); // supabase-js reports 2xx as success; the raw status is 202
    expect(started.body.batch).toMatchObject({ kind: 'generate', total: 3 });
    let progress = started.body.batch;
    for (let i = 0; i < 100 && !progress.done; i++) {
      await new Promise((r) => setTimeout(r, 50));
      progress = (await invoke(f.token('coordinator'), `hpc-reports/batches/${progress.job_id}`)).body.batch;
    }
    expect(progress).toMatchObject({ done: true, processed: 3, succeeded: 3 });
    const resumed = await invoke(f.token('coordinator'), `hpc-reports/batches/${progress.job_id}/resume`, { method: 'POST' });
    expect(resumed.body.batch).toMatchObject({ done: true, processed: 3 });
    const teacher = await invoke(f.token('classTeacher'), 'hpc-reports/batches', { body: { kind: 'generate', cycle_id: f.cycle } });
    expect(teacher.status).toBe(403);
  });
});

describe('GET /hpc-reports/reports/{id} and /print', () => {
  let reportId: string;
  beforeAll(async () => {
    reportId = (await generate('classTeacher', { cycle_id: f.cycle, student_id: f.user('ananya') })).body.report.report_id;
  });

  it('returns the card as JSON to teachers and leaders, through RLS', async () => {
    for (const who of ['classTeacher', 'subjectTeacher', 'coordinator', 'principal', 'admin'] as const) {
      const r = await invoke(f.token(who), `hpc-reports/reports/${reportId}`);
      expect(r.status, who).toBe(200);
      expect(r.body.report.content.student.full_name).toBe('Ananya Gupta');
      expect(r.body.report.content.flags.teacher_self_gap[0].code).toBe('M-LR1-AW');
    }
  });

  it('hides an unpublished card from the family, another section and another school (404)', async () => {
    for (const who of ['parent', 'ananya', 'kabir', 'classTeacher2', 'otherPrincipal'] as const) {
      const r = await invoke(f.token(who), `hpc-reports/reports/${reportId}`);
      expect(r.status, who).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
  });

  it('delivers the printable card as HTML inside JSON, in English and Hindi', async () => {
    const en = await invoke(f.token('classTeacher'), `hpc-reports/reports/${reportId}/print?lang=en`);
    expect(en.status).toBe(200);
    expect(en.body).toMatchObject({ language: 'en', content_type: 'text/html; charset=utf-8', report_id: reportId });
    expect(en.body.html).toContain('Holistic Progress Card');
    expect(en.body.html).toContain('Term 2');
    const hi = await invoke(f.token('classTeacher'), `hpc-reports/reports/${reportId}/print?lang=hi`);
    expect(hi.body.html).toContain('समग्र प्रगति कार्ड');
    expect(hi.body.html).toContain('lang="hi"');
    const bad = await invoke(f.token('classTeacher'), `hpc-reports/reports/${reportId}/print?lang=fr`);
    expect(bad.status).toBe(400);
  });

  it('answers 403 hpc_disabled when the institution switches HPC off, on the next request', async () => {
    await sql`update public.institution_feature_flags set enabled = false where institution_id = ${f.institution}`;
    try {
      const read = await invoke(f.token('principal'), `hpc-reports/reports/${reportId}`);
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('hpc_disabled');
      const gen = await generate('principal', { cycle_id: f.cycle, student_id: f.user('ananya') });
      expect(gen.status).toBe(403);
      expect(gen.body.error.code).toBe('hpc_disabled');
    } finally {
      await sql`update public.institution_feature_flags set enabled = true where institution_id = ${f.institution}`;
    }
  });

  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const doc = await invoke(credentials().anonKey, 'hpc-reports/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/hpc-reports/generate',
        '/hpc-reports/batches',
        '/hpc-reports/batches/{id}',
        '/hpc-reports/reports/{id}',
        '/hpc-reports/reports/{id}/print',
      ]),
    );
  });
});
