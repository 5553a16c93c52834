// The class sheet's CSV file, out and back in (supabase/functions/hpc-class-sheet/sheet-csv.ts):
// a downloaded sheet reads back as the stored cells; values a spreadsheet would run as
// formulas go out as text and come back as typed; every problem of a filled-in file is named
// with its row and column; files that are not UTF-8, too large or not CSV are refused whole;
// and no input, however hostile, makes the reader fail any other way.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  csvToCells,
  decodeCsv,
  MAX_FILE_BYTES,
  placeProblems,
  sheetToCsv,
  UnreadableFile,
  type Sheet,
} from '../../supabase/functions/hpc-class-sheet/sheet-csv.ts';

const levels = [
  { ordinal: 1, label: 'Beginner' },
  { ordinal: 2, label: 'Proficient' },
  { ordinal: 3, label: 'Advanced' },
];
const sheet: Sheet = {
  cycle: { id: 'c1', name: 'Term 2 2026-27', status: 'open' },
  section: { id: 's1', name: '7-A' },
  parameters: [
    { id: 'p1', code: 'MS-LR1-AWA', name: 'Language — Awareness', ability: 'awareness', levels },
    { id: 'p2', code: 'MS-MAT-CRE', name: 'Mathematics — Creativity', ability: 'creativity', levels },
  ],
  students: [
    { id: 'st1', name: 'Aadhya Khan', admission_number: 'SR-0703' },
    { id: 'st2', name: '=Aditya Kapoor', admission_number: 'SR-0706' },
  ],
  cells: [
    { student_id: 'st1', parameter_id: 'p1', level_ordinal: 2, observation: 'Reads aloud, with expression.' },
    { student_id: 'st2', parameter_id: 'p2', level_ordinal: 3, observation: '=HYPERLINK("http://evil.example","x")' },
  ],
};
const header = 'student_id,admission_number,student,MS-LR1-AWA level,MS-LR1-AWA observation,MS-MAT-CRE level,MS-MAT-CRE observation';

describe('a downloaded sheet', () => {
  it('has a row per student and two columns per parameter, formulas written as text', () => {
    const lines = sheetToCsv(sheet).trimEnd().split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines[1]).toBe('st1,SR-0703,Aadhya Khan,2,"Reads aloud, with expression.",,');
    expect(lines[2]).toBe(`st2,SR-0706,'=Aditya Kapoor,,,3,"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });

  it('reads back as exactly the stored cells, with no problem', () => {
    const imported = csvToCells(sheetToCsv(sheet), sheet);
    expect(imported.problems).toEqual([]);
    expect(imported.cells).toEqual([
      { student_id: 'st1', parameter_id: 'p1', level_ordinal: 2, observation: 'Reads aloud, with expression.' },
      { student_id: 'st2', parameter_id: 'p2', level_ordinal: 3, observation: '=HYPERLINK("http://evil.example","x")' },
    ]);
  });
});

describe('a filled-in sheet', () => {
  it('takes a level by number or by its label, finds students by admission number, and skips blank cells', () => {
    const file = [
      'admission_number,MS-LR1-AWA level,MS-MAT-CRE level,MS-MAT-CRE observation',
      'sr-0703,proficient,,',
      'SR-0706,1,Advanced,Good at patterns',
    ].join('\n');
    const imported = csvToCells(file, sheet);
    expect(imported.problems).toEqual([]);
    expect(imported.cells).toEqual([
      { student_id: 'st1', parameter_id: 'p1', level_ordinal: 2 },
      { student_id: 'st2', parameter_id: 'p1', level_ordinal: 1 },
      { student_id: 'st2', parameter_id: 'p2', level_ordinal: 3, observation: 'Good at patterns' },
    ]);
    expect(imported.origins[2]).toEqual({ row: 3, level: 'C (MS-MAT-CRE level)', observation: 'D (MS-MAT-CRE observation)' });
  });

  it('names every problem with its row and column', () => {
    const file = [
      `${header},remarks`,
      'st1,SR-0703,Aadhya Khan,Excellent,,2,,',
      'nobody,SR-9999,Someone,1,,,,',
      ',,,1,,,,',
      'st1,SR-0703,Aadhya Khan,1,,,,',
      ',SR-0706,Aditya,=1+1,,,,',
    ].join('\n');
    expect(csvToCells(file, sheet).problems).toEqual([
      { row: 1, column: 'H (remarks)', message: '"remarks" is not a column of this class sheet (7-A, Term 2 2026-27).' },
      {
        row: 2,
        column: 'D (MS-LR1-AWA level)',
        message: '"Excellent" is not a level of MS-LR1-AWA (1 Beginner, 2 Proficient, 3 Advanced).',
      },
      { row: 3, column: 'A (student_id)', message: 'No student with id nobody in 7-A.' },
      { row: 4, column: 'B (admission_number)', message: 'The row names no student.' },
      { row: 5, column: null, message: 'Aadhya Khan is already on row 2.' },
      { row: 6, column: 'D (MS-LR1-AWA level)', message: '"=1+1" is not a level of MS-LR1-AWA (1 Beginner, 2 Proficient, 3 Advanced).' },
    ]);
  });

  it('refuses a file without a student column, and a repeated column', () => {
    expect(csvToCells('name,MS-LR1-AWA level\nA,1', sheet).problems.map((p) => p.message)).toEqual([
      '"name" is not a column of this class sheet (7-A, Term 2 2026-27).',
      'The file has neither a student_id nor an admission_number column: keep the columns of the downloaded sheet.',
    ]);
    expect(csvToCells('student_id,MS-LR1-AWA level,MS-LR1-AWA level\nst1,1,2', sheet).problems[0]).toEqual({
      row: 1,
      column: 'C (MS-LR1-AWA level)',
      message: 'The column "MS-LR1-AWA level" appears twice.',
    });
  });

  it("places the database's problems at the row and column the cell came from", () => {
    const imported = csvToCells(`${header}\nst1,,,3,note,,`, sheet);
    expect(
      placeProblems(imported, [
        { cell: 0, field: 'level_ordinal', message: 'Level 3 is not on the scale.' },
        { cell: 0, field: 'observation', message: 'observation must be text or null.' },
        { cell: 0, field: null, message: 'The same student and parameter as cell 0.' },
      ]),
    ).toEqual([
      { row: 2, column: 'D (MS-LR1-AWA level)', message: 'Level 3 is not on the scale.' },
      { row: 2, column: 'E (MS-LR1-AWA observation)', message: 'observation must be text or null.' },
      { row: 2, column: null, message: 'The same student and parameter as cell 0.' },
    ]);
  });
});

describe('files that cannot be read', () => {
  const refused = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      if (error instanceof UnreadableFile) return error.message;
      throw error;
    }
    throw new Error('the file was read');
  };

  it('refuses text that is not UTF-8 (a Windows-1252 export)', () => {
    expect(refused(() => decodeCsv(new Uint8Array([0x6e, 0x61, 0xef, 0x76, 0x65, 0x0a])))).toBe(
      'The file is not UTF-8 text. Save the sheet as "CSV UTF-8 (comma delimited)" and upload it again.',
    );
  });

  it('accepts UTF-8 with the byte order mark Excel writes', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${header}\nst1,,,1,,,`);
    expect(csvToCells(decodeCsv(bytes), sheet).cells).toEqual([{ student_id: 'st1', parameter_id: 'p1', level_ordinal: 1 }]);
  });

  it('refuses a file over 2 MB before reading it', () => {
    expect(refused(() => decodeCsv(new Uint8Array(MAX_FILE_BYTES + 1)))).toBe(
      'The file is 2.0 MB; a class sheet file may be at most 2 MB.',
    );
  });

  it('refuses a broken CSV, an empty file and too many rows', () => {
    expect(refused(() => csvToCells(`${header}\nst1,"unclosed,1`, sheet))).toMatch(/^The file is not a readable CSV/);
    expect(refused(() => csvToCells('', sheet))).toBe('The file is empty: download the class sheet and fill it in.');
    expect(refused(() => csvToCells([header, ...Array.from({ length: 1001 }, () => 'st1')].join('\n'), sheet))).toBe(
      'The file has 1001 rows; a class sheet has at most 1000.',
    );
  });

  it('never fails other than with UnreadableFile, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        try {
          const imported = csvToCells(decodeCsv(bytes), sheet);
          return Array.isArray(imported.cells) && Array.isArray(imported.problems);
        } catch (error) {
          return error instanceof UnreadableFile;
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom('st1', 'SR-0706', '1', 'Advanced', '"', ','))), { maxLength: 20 }),
        (rows) => {
          try {
            const imported = csvToCells([header, ...rows.map((r) => r.join(','))].join('\n'), sheet);
            return imported.cells.every((c) => sheet.students.some((s) => s.id === c.student_id));
          } catch (error) {
            return error instanceof UnreadableFile;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
