// hpc-student-record through the real gateway and Deno: Vidya Niketan's institution admin
// downloads what the school holds about Aarav Sharma as one ZIP archive (README, the record
// and its parts, every card version as a printable page, a manifest); the principal, his
// teacher and mother, and another school's admin are refused.
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { credentials, functionUrl } from '../support/test-stack.ts';

const person = (email: string) => credentials().users.find((u) => u.email === email)!;
const AARAV = person('aarav.sharma@vidyaniketan.example');

function download(email: string, studentId = AARAV.id) {
  return fetch(functionUrl(`hpc-student-record/${studentId}/archive`), {
    headers: { apikey: credentials().anonKey, authorization: `Bearer ${person(email).token}` },
  });
}

describe("a child's record as an archive", () => {
  it('the institution admin downloads it: README, record, parts, cards and manifest', async () => {
    const response = await download('admin@vidyaniketan.example');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="hpc-record-[A-Za-z0-9_-]+\.zip"$/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const record = JSON.parse(strFromU8(files['record.json']!)) as {
      student: { name: string };
      contents: { part: string; rows: number }[];
    };
    expect(record.student.name).toBe('Aarav Sharma');
    for (const { part, rows } of record.contents) expect(JSON.parse(strFromU8(files[`${part}.json`]!))).toHaveLength(rows);
    expect(record.contents.find((c) => c.part === 'hpc_evaluations')?.rows).toBeGreaterThan(0);
    const cards = Object.keys(files).filter((f) => f.startsWith('cards/'));
    expect(cards.length).toBe(record.contents.find((c) => c.part === 'hpc_reports')?.rows);
    expect(cards.length).toBeGreaterThan(0);
    expect(strFromU8(files[cards[0]!]!)).toContain('Aarav Sharma');
    expect(strFromU8(files['README.txt']!)).toContain('What the school holds about Aarav Sharma in the Holistic Progress Card');
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      Object.keys(files)
        .filter((f) => f !== 'manifest.json')
        .sort(),
    );
  });

  it.each([
    ['the principal', 'principal@vidyaniketan.example', 403],
    ['his class teacher', 'meera.iyer@vidyaniketan.example', 403],
    ['his mother', 'kavita.sharma@parents.vidyaniketan.example', 403],
    ["another school's admin", 'admin@sunrise.example', 404],
  ])('%s is refused', async (_who, email, status) => {
    const response = await download(email);
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(status === 403 ? 'forbidden' : 'not_found');
  });
});
