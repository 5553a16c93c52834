// A teacher's class sheet as a CSV file, out and back in: one row per student, two columns
// per parameter (`<code> level`, `<code> observation`). Out: every value that a spreadsheet
// would run as a formula is written as text. In: the file is read strictly (UTF-8, a size and
// shape limit, known columns, known students, levels of the parameter's scale) and every
// problem is reported in plain words with its row and column as the spreadsheet shows them;
// a blank cell leaves the stored value as it is.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface SheetLevel {
  ordinal: number;
  label: string;
}
export interface SheetParameter {
  id: string;
  code: string;
  name: string;
  ability: string | null;
  levels: SheetLevel[];
}
export interface SheetStudent {
  id: string;
  name: string;
  admission_number: string | null;
}
export interface StoredCell {
  student_id: string;
  parameter_id: string;
  level_ordinal: number | null;
  observation: string | null;
}
/** What `rpc('hpc_class_sheet')` answers. */
export interface Sheet {
  cycle: { id: string; name: string; status: string };
  section: { id: string; name: string };
  parameters: SheetParameter[];
  students: SheetStudent[];
  cells: StoredCell[];
}

/** A cell for `rpc('hpc_save_class_sheet')`: only the fields the file gave a value. */
export interface CellInput {
  student_id: string;
  parameter_id: string;
  level_ordinal?: number;
  observation?: string;
}
/** Where a problem is in the file: row 1 is the header; column as the spreadsheet names it. */
export interface FileProblem {
  row: number | null;
  column: string | null;
  message: string;
}
export interface ImportedSheet {
  cells: CellInput[];
  /** For each cell, the row and the columns it came from, to place the database's problems. */
  origins: { row: number; level: string | null; observation: string | null }[];
  problems: FileProblem[];
}

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_ROWS = 1_000;

const STUDENT_ID = 'student_id';
const ADMISSION = 'admission_number';
const STUDENT_NAME = 'student';
const levelHeader = (code: string) => `${code} level`;
const observationHeader = (code: string) => `${code} observation`;

// OWASP's list of characters that make a spreadsheet read a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const asText = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const fromText = (value: string) => (value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value);

/** The spreadsheet's name of a 0-based column: A … Z, AA …, with the header text. */
function columnName(index: number, header: string | undefined): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return header ? `${letters} (${header})` : letters;
}

export function sheetToCsv(sheet: Sheet): string {
  const stored = new Map(sheet.cells.map((c) => [`${c.student_id}|${c.parameter_id}`, c]));
  const header = [
    STUDENT_ID,
    ADMISSION,
    STUDENT_NAME,
    ...sheet.parameters.flatMap((p) => [levelHeader(p.code), observationHeader(p.code)]),
  ];
  const rows = sheet.students.map((s) => [
    s.id,
    asText(s.admission_number ?? ''),
    asText(s.name),
    ...sheet.parameters.flatMap((p) => {
      const cell = stored.get(`${s.id}|${p.id}`);
      return [cell?.level_ordinal?.toString() ?? '', asText(cell?.observation ?? '')];
    }),
  ]);
  return stringify([header, ...rows], { record_delimiter: 'windows' });
}

export class UnreadableFile extends Error {}

/** The file's text, or UnreadableFile saying why it cannot be read. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new UnreadableFile(`The file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; a class sheet file may be at most 2 MB.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UnreadableFile('The file is not UTF-8 text. Save the sheet as "CSV UTF-8 (comma delimited)" and upload it again.');
  }
}

function readRows(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new UnreadableFile(
      `The file is not a readable CSV${line ? ` (near line ${line})` : ''}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

export function csvToCells(text: string, sheet: Sheet): ImportedSheet {
  const rows = readRows(text);
  const problems: FileProblem[] = [];
  if (rows.length === 0) throw new UnreadableFile('The file is empty: download the class sheet and fill it in.');
  if (rows.length - 1 > MAX_ROWS) throw new UnreadableFile(`The file has ${rows.length - 1} rows; a class sheet has at most ${MAX_ROWS}.`);

  const header = rows[0]!.map((h) => h.trim());
  const byHeader = new Map<string, number>();
  header.forEach((h, i) => {
    if (byHeader.has(h)) problems.push({ row: 1, column: columnName(i, h), message: `The column "${h}" appears twice.` });
    else byHeader.set(h, i);
  });
  const parameterColumns = new Map<string, { parameter: SheetParameter; kind: 'level' | 'observation' }>();
  for (const p of sheet.parameters) {
    parameterColumns.set(levelHeader(p.code), { parameter: p, kind: 'level' });
    parameterColumns.set(observationHeader(p.code), { parameter: p, kind: 'observation' });
  }
  header.forEach((h, i) => {
    if (h !== STUDENT_ID && h !== ADMISSION && h !== STUDENT_NAME && !parameterColumns.has(h)) {
      problems.push({
        row: 1,
        column: columnName(i, h),
        message: `"${h}" is not a column of this class sheet (${sheet.section.name}, ${sheet.cycle.name}).`,
      });
    }
  });
  const idColumn = byHeader.get(STUDENT_ID);
  const admissionColumn = byHeader.get(ADMISSION);
  if (idColumn === undefined && admissionColumn === undefined) {
    problems.push({
      row: 1,
      column: null,
      message: 'The file has neither a student_id nor an admission_number column: keep the columns of the downloaded sheet.',
    });
    return { cells: [], origins: [], problems };
  }

  const studentsById = new Map(sheet.students.map((s) => [s.id, s]));
  const studentsByAdmission = new Map(
    sheet.students.filter((s) => s.admission_number).map((s) => [s.admission_number!.trim().toLowerCase(), s]),
  );
  const seen = new Map<string, number>();
  const cells: CellInput[] = [];
  const origins: ImportedSheet['origins'] = [];

  rows.slice(1).forEach((values, index) => {
    const row = index + 2;
    const value = (column: number | undefined) => (column === undefined ? '' : fromText((values[column] ?? '').trim()));
    const id = value(idColumn);
    const admission = value(admissionColumn);
    const student = id ? studentsById.get(id) : studentsByAdmission.get(admission.toLowerCase());
    if (!student) {
      problems.push({
        row,
        column: columnName(id ? idColumn! : admissionColumn!, id ? STUDENT_ID : ADMISSION),
        message: id || admission
          ? `No student ${id ? `with id ${id}` : `with admission number ${admission}`} in ${sheet.section.name}.`
          : 'The row names no student.',
      });
      return;
    }
    if (seen.has(student.id)) {
      problems.push({ row, column: null, message: `${student.name} is already on row ${seen.get(student.id)}.` });
      return;
    }
    seen.set(student.id, row);

    for (const p of sheet.parameters) {
      const levelColumn = byHeader.get(levelHeader(p.code));
      const observationColumn = byHeader.get(observationHeader(p.code));
      const levelText = value(levelColumn);
      const observationText = value(observationColumn);
      const cell: CellInput = { student_id: student.id, parameter_id: p.id };
      if (levelText) {
        const level = p.levels.find((l) => String(l.ordinal) === levelText || l.label.toLowerCase() === levelText.toLowerCase());
        if (!level) {
          problems.push({
            row,
            column: columnName(levelColumn!, levelHeader(p.code)),
            message: `"${levelText}" is not a level of ${p.code} (${p.levels.map((l) => `${l.ordinal} ${l.label}`).join(', ')}).`,
          });
          continue;
        }
        cell.level_ordinal = level.ordinal;
      }
      if (observationText) cell.observation = observationText;
      if (cell.level_ordinal === undefined && cell.observation === undefined) continue;
      cells.push(cell);
      origins.push({
        row,
        level: levelColumn === undefined ? null : columnName(levelColumn, levelHeader(p.code)),
        observation: observationColumn === undefined ? null : columnName(observationColumn, observationHeader(p.code)),
      });
    }
  });
  return { cells, origins, problems };
}

/** The database's problems with the cells, placed in the file. */
export function placeProblems(imported: ImportedSheet, problems: { cell: number; field: string | null; message: string }[]): FileProblem[] {
  return problems.map((p) => {
    const origin = imported.origins[p.cell];
    if (!origin) return { row: null, column: null, message: p.message };
    const column = p.field === 'observation' ? origin.observation : p.field === 'level_ordinal' ? origin.level : null;
    return { row: origin.row, column, message: p.message };
  });
}
