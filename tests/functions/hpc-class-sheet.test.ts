// hpc-class-sheet through the real gateway and Deno, as Meera Iyer (class teacher 4-A) with
// her Term 2 sheet: cells saved as JSON in one request; the sheet downloaded as CSV, filled in
// and uploaded (a dry run naming every problem by row and column, then the save); files that
// are not CSV, not UTF-8 or too large refused whole; other roles and closed cycles refused.
// Her Term 2 ratings are removed again before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type postgres from 'postgres';
import { credentials, functionUrl, sql as openSql } from '../support/test-stack.ts';
import { invoke } from './support/invoke.ts';

const MEERA = 'meera.iyer@vidyaniketan.example';
const KAVITA = 'kavita.sharma@parents.vidyaniketan.example';
const token = (email: string) => credentials().users.find((u) => u.email === email)!.token;
const userId = (email: string) => credentials().users.find((u) => u.email === email)!.id;

let sql: postgres.Sql;
let term1: string;
let term2: string;
let section: string;
let parameters: { id: string; code: string }[];
let students: { id: string; admission_number: string }[];

async function send(path: string, body: string | Uint8Array<ArrayBuffer>, contentType = 'text/csv', who = MEERA) {
  const response = await fetch(functionUrl(path), {
    method: 'POST',
    headers: { apikey: credentials().anonKey, authorization: `Bearer ${token(who)}`, 'content-type': contentType },
    body,
  });
  return { status: response.status, body: await response.json() };
}

const stored = () => sql<{ student_id: string; parameter_id: string; level_ordinal: number; observation: string | null }[]>`
  select student_id, parameter_id, level_ordinal::int, observation from hpc_evaluations
  where cycle_id = ${term2} and rater_id = ${userId(MEERA)} and rater_role = 'teacher' order by student_id, parameter_id`;
const clear = () => sql`delete from hpc_evaluations where cycle_id = ${term2} and rater_id = ${userId(MEERA)} and rater_role = 'teacher'`;

beforeAll(async () => {
  sql = openSql();
  const cycles = await sql<{ id: string; status: string }[]>`
    select id, status from hpc_evaluation_cycles
    where institution_id = '10000000-0000-4000-8000-000000000001' and name in ('Term 1 2026-27', 'Term 2 2026-27') order by name`;
  [term1, term2] = cycles.map((c) => c.id) as [string, string];
  [{ id: section }] = await sql<[{ id: string }]>`
    select section_id as id from staff_duties where user_id = ${userId(MEERA)} and duty = 'class_teacher' and active`;
  // in the sheet's order: the parameters' sort order, then code
  parameters = await sql<{ id: string; code: string }[]>`
    select p.id, p.code from hpc_parameters as p
    where p.id in (select a.parameter_id from hpc_parameter_assignments as a
                   where a.cycle_id = ${term2} and a.section_id = ${section} and a.teacher_id = ${userId(MEERA)} and a.active
                     and 'teacher' = any (a.rater_roles))
    order by p.sort_order, p.code`;
  students = await sql<{ id: string; admission_number: string }[]>`
    select u.id, u.admission_number from section_students as s join user_profiles as u on u.id = s.student_id
    where s.section_id = ${section} order by u.full_name, u.id`;
  await clear();
});
afterAll(async () => {
  await clear();
  await sql?.end();
});

describe('saving cells as JSON', () => {
  it('writes every cell in one request, and a retry changes nothing', async () => {
    const cells = students.flatMap((s) => parameters.map((p) => ({ student_id: s.id, parameter_id: p.id, level_ordinal: 2 })));
    const saved = await invoke(token(MEERA), `hpc-class-sheet/${term2}/${section}`, { body: { cells } });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ cells: cells.length, inserted: cells.length, updated: 0, unchanged: 0, dry_run: false, problems: [] });
    const again = await invoke(token(MEERA), `hpc-class-sheet/${term2}/${section}`, { body: { cells } });
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: cells.length });
    await clear();
  });

  it('answers every problem with its cell, 422, and writes nothing', async () => {
    const cells = [
      { student_id: students[0]!.id, parameter_id: parameters[0]!.id, level_ordinal: 1 },
      { student_id: students[1]!.id, parameter_id: parameters[0]!.id, level_ordinal: 9 },
    ];
    const refused = await invoke(token(MEERA), `hpc-class-sheet/${term2}/${section}`, { body: { cells } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_cells');
    expect(refused.body.error.details.problems.map((p: { cell: number; field: string }) => [p.cell, p.field])).toEqual([
      [1, 'level_ordinal'],
    ]);
    expect(await stored()).toEqual([]);
  });

  it('refuses a body of the wrong shape with the path of each field (400)', async () => {
    const bad = await invoke(token(MEERA), `hpc-class-sheet/${term2}/${section}`, { body: { cells: [{ student_id: 'x', level: 2 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });
});

describe('the sheet as a CSV file', () => {
  it('downloads one row per student and two columns per parameter', async () => {
    const response = await fetch(functionUrl(`hpc-class-sheet/${term2}/${section}/csv`), {
      headers: { apikey: credentials().anonKey, authorization: `Bearer ${token(MEERA)}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="class-sheet-.+\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'a UTF-8 byte order mark, so that Excel reads the file as UTF-8').toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes), { bom: true }) as string[][];
    expect(rows[0]).toEqual([
      'student_id',
      'admission_number',
      'student',
      ...parameters.flatMap((p) => [`${p.code} level`, `${p.code} observation`]),
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(students.map((s) => s.id));
  });

  it('checks a filled-in file (dry run), then saves it; formulas stay text', async () => {
    const header = ['admission_number', `${parameters[0]!.code} level`, `${parameters[0]!.code} observation`].join(',');
    const file = [header, `${students[0]!.admission_number},Proficient,=1+1`, `${students[1]!.admission_number},3,`].join('\r\n');
    const dry = await send(`hpc-class-sheet/${term2}/${section}/csv`, file);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ cells: 2, inserted: 2, updated: 0, unchanged: 0, dry_run: true, problems: [] });
    expect(await stored()).toEqual([]);

    const saved = await send(`hpc-class-sheet/${term2}/${section}/csv?dry_run=false`, file);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ cells: 2, inserted: 2, dry_run: false });
    expect((await stored()).map((r) => [r.student_id, r.level_ordinal, r.observation])).toEqual(
      expect.arrayContaining([
        [students[0]!.id, 2, '=1+1'],
        [students[1]!.id, 3, null],
      ]),
    );

    const downloaded = await fetch(functionUrl(`hpc-class-sheet/${term2}/${section}/csv`), {
      headers: { apikey: credentials().anonKey, authorization: `Bearer ${token(MEERA)}` },
    }).then((r) => r.text());
    expect(downloaded).toContain(`,2,'=1+1,`);
    await clear();
  });

  it('names every problem of a file by row and column, and saves nothing of it', async () => {
    const header = ['admission_number', `${parameters[0]!.code} level`, 'remarks'].join(',');
    const file = [header, 'NO-SUCH-1,1,', `${students[0]!.admission_number},Excellent,`].join('\n');
    const dry = await send(`hpc-class-sheet/${term2}/${section}/csv`, file);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([
      { row: 1, column: 'C (remarks)', message: '"remarks" is not a column of this class sheet (4-A, Term 2 2026-27).' },
      { row: 2, column: 'A (admission_number)', message: 'No student with admission number NO-SUCH-1 in 4-A.' },
      {
        row: 3,
        column: `B (${parameters[0]!.code} level)`,
        message: `"Excellent" is not a level of ${parameters[0]!.code} (1 Beginner, 2 Proficient, 3 Advanced).`,
      },
    ]);
    const real = await send(`hpc-class-sheet/${term2}/${section}/csv?dry_run=false`, file);
    expect(real.status).toBe(422);
    expect(real.body.error.code).toBe('invalid_file');
    expect(real.body.error.details.problems).toHaveLength(3);
    expect(await stored()).toEqual([]);
  });

  it('refuses a file that is not CSV (415), not UTF-8 (422) or over 2 MB (413)', async () => {
    const path = `hpc-class-sheet/${term2}/${section}/csv`;
    expect((await send(path, 'a,b', 'text/plain')).status).toBe(415);
    const latin1 = await send(path, new Uint8Array([0x61, 0x64, 0x6d, 0xe9, 0x0a]));
    expect(latin1.status).toBe(422);
    expect(latin1.body.error).toMatchObject({
      code: 'unreadable_file',
      message: 'The file is not UTF-8 text. Save the sheet as "CSV UTF-8 (comma delimited)" and upload it again.',
    });
    const huge = await send(path, `admission_number\n${'x'.repeat(3 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('file_too_large');
    expect(await stored()).toEqual([]);
  });

  it('refuses a closed cycle and a parent', async () => {
    const file = `admission_number,${parameters[0]!.code} level\n${students[0]!.admission_number},1`;
    const closed = await send(`hpc-class-sheet/${term1}/${section}/csv`, file);
    expect(closed.status).toBe(422);
    expect(closed.body.error.message).toMatch(/^The evaluation cycle "Term 1 2026-27" is \w+: its ratings can no longer be changed\.$/);
    const parent = await send(`hpc-class-sheet/${term2}/${section}/csv`, file, 'text/csv', KAVITA);
    expect(parent.status).toBe(403);
  });
});
