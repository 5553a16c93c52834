// The archive of what the school holds about a child (supabase/functions/hpc-student-record/
// archive.ts): every part of the record in its own file and all of it in record.json, the
// printable cards, a README that lists the contents in plain words, a manifest whose SHA-256
// values match the files, and the same bytes for the same record.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { buildArchive, cardFileName, type StudentRecord } from '../../supabase/functions/hpc-student-record/archive.ts';

const record: StudentRecord = {
  student: { id: 's1', name: 'Ishaan Verma', admission_number: 'SR-2020-0311', institution_id: 'i2' },
  exported_at: '2026-12-01T10:00:00Z',
  exported_by: 'u16',
  contents: [
    { part: 'audit_events', rows: 2 },
    { part: 'hpc_evaluations', rows: 1 },
    { part: 'hpc_reports', rows: 1 },
  ],
  tables: {
    hpc_evaluations: [{ id: 'e1', level_ordinal: 2, observation: 'Reads with expression.' }],
    hpc_reports: [{ id: 'r1', version: 1, status: 'published' }],
  },
  audit_events: [
    { id: 'a1', operation: 'INSERT' },
    { id: 'a2', operation: 'UPDATE' },
  ],
};
const cards = [
  {
    title: 'Term 1 2026-27, version 1 (published)',
    fileName: cardFileName('Term 1 2026-27', 1, 'published'),
    html: '<!doctype html><title>Card</title>',
  },
];

describe("a child's archive", () => {
  it('holds each part, the whole record, the cards, a README and a manifest', async () => {
    const { zip } = await buildArchive(record, cards);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'audit_events.json',
      'cards/term-1-2026-27-v1-published.html',
      'hpc_evaluations.json',
      'hpc_reports.json',
      'manifest.json',
      'record.json',
    ]);
    expect(JSON.parse(strFromU8(files['hpc_evaluations.json']!))).toEqual(record.tables.hpc_evaluations);
    expect(JSON.parse(strFromU8(files['audit_events.json']!))).toEqual(record.audit_events);
    expect(JSON.parse(strFromU8(files['record.json']!))).toEqual(record);
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain('Student: Ishaan Verma (admission number SR-2020-0311), id s1');
    expect(readme).toContain('- hpc_evaluations.json: 1 entry — ratings of the child by teachers, the child, classmates and parents');
    expect(readme).toContain("- audit_events.json: 2 entries — the audit log's entries about the child");
    expect(readme).toContain('- cards/term-1-2026-27-v1-published.html: Term 1 2026-27, version 1 (published)');
  });

  it('lists every file in the manifest with a SHA-256 that matches it', async () => {
    const { zip, files } = await buildArchive(record, cards);
    const unpacked = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(unpacked['manifest.json']!)) as { files: { path: string; bytes: number; sha256: string }[] };
    expect(manifest.files).toEqual(files);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      Object.keys(unpacked)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    );
    for (const f of manifest.files) {
      expect(f.bytes).toBe(unpacked[f.path]!.byteLength);
      expect(f.sha256).toBe(createHash('sha256').update(unpacked[f.path]!).digest('hex'));
    }
  });

  it('is the same, byte for byte, for the same record', async () => {
    const [a, b] = await Promise.all([buildArchive(record, cards), buildArchive(record, cards)]);
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
  });

  it('says so when no card was compiled, and names card files in plain words', async () => {
    const { zip } = await buildArchive({ ...record, contents: [], tables: {}, audit_events: [] }, []);
    expect(strFromU8(unzipSync(zip)['README.txt']!)).toContain('No card has been compiled for this student.');
    expect(cardFileName('सत्र 1 2026-27', 2, 'in_review')).toBe('1-2026-27-v2-in-review.html');
  });
});
