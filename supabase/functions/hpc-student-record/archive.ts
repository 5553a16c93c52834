// What the school holds about one child, as one ZIP archive: the whole record as JSON, each
// part of it in a file of its own, every card version as a printable page, a README in plain
// words saying what is inside and why, and a manifest with each file's size and SHA-256 so
// that the family or an auditor can check that nothing was changed after the export.
import { strToU8, zipSync } from 'fflate';

export interface StudentRecord {
  student: { id: string; name: string; admission_number: string | null; institution_id: string };
  exported_at: string;
  exported_by: string;
  contents: { part: string; rows: number }[];
  tables: Record<string, Record<string, unknown>[]>;
  audit_events: Record<string, unknown>[];
}

export interface PrintableCard {
  /** e.g. "Term 1 2026-27, version 2 (published)" */
  title: string;
  /** a file name without folders, e.g. "term-1-2026-27-v2-published.html" */
  fileName: string;
  html: string;
}

export interface ArchiveFile {
  path: string;
  bytes: number;
  sha256: string;
}

const PART_TITLES: Record<string, string> = {
  hpc_evaluations: 'ratings of the child by teachers, the child, classmates and parents, and ratings the child gave classmates',
  hpc_reflections: 'reflections: All About Me, self-reflections, ambitions, the Partnership card',
  hpc_conversations: 'messages between the family and the school about the child',
  hpc_achievements: 'achievements',
  report_narratives: "teachers' narratives (strengths, barriers, summary)",
  hpc_reports: 'every version of every card, with its content as compiled',
  hpc_approval_workflows: 'the approval steps each card went through',
  hpc_parameter_assignments: 'peer pairings naming the child',
  'storage.objects': 'evidence files uploaded for the child (their names and details)',
  audit_events: "the audit log's entries about the child and the child's records (who changed what, when)",
};

async function sha256(bytes: Uint8Array): Promise<string> {
  // a copy: Web Crypto takes only bytes backed by a plain ArrayBuffer
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

function readme(record: StudentRecord, cards: PrintableCard[]): string {
  const { student } = record;
  return [
    `What the school holds about ${student.name} in the Holistic Progress Card`,
    '',
    `Student: ${student.name}${student.admission_number ? ` (admission number ${student.admission_number})` : ''}, id ${student.id}`,
    `Exported: ${record.exported_at}, by the school's institution admin (user ${record.exported_by})`,
    '',
    'Contents',
    '',
    ...record.contents.map((c) => `- ${c.part}.json: ${c.rows} ${c.rows === 1 ? 'entry' : 'entries'} — ${PART_TITLES[c.part] ?? c.part}`),
    '- record.json: all of the above in one file',
    ...(cards.length
      ? ['', 'Printable cards (open in a browser and print)', '', ...cards.map((c) => `- cards/${c.fileName}: ${c.title}`)]
      : ['', 'No card has been compiled for this student.']),
    '',
    "The child's profile, enrolments and guardians are kept by the school's main system (BIG DAY) and are not part of",
    'this export. manifest.json lists every file of this archive with its size and SHA-256.',
    '',
  ].join('\n');
}

/** The archive's bytes and what it holds. */
export async function buildArchive(record: StudentRecord, cards: PrintableCard[]): Promise<{ zip: Uint8Array; files: ArchiveFile[] }> {
  const entries: Record<string, Uint8Array> = {
    'README.txt': strToU8(readme(record, cards)),
    'record.json': json(record),
  };
  for (const { part } of record.contents) {
    entries[`${part}.json`] = json(part === 'audit_events' ? record.audit_events : record.tables[part] ?? []);
  }
  for (const card of cards) entries[`cards/${card.fileName}`] = strToU8(card.html);

  const files = await Promise.all(
    Object.entries(entries).map(async ([path, bytes]) => ({ path, bytes: bytes.byteLength, sha256: await sha256(bytes) })),
  );
  entries['manifest.json'] = json({ student_id: record.student.id, exported_at: record.exported_at, files });
  // A fixed time in every entry: the same record gives the same archive, byte for byte.
  const mtime = new Date(record.exported_at);
  const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([path, bytes]) => [path, [bytes, { mtime }]])), { level: 6 });
  return { zip, files };
}

/** A card's file name: its cycle, version and status, in lower-case words. */
export function cardFileName(cycleName: string, version: number, status: string): string {
  const words = `${cycleName} v${version} ${status}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${words || 'card'}.html`;
}
