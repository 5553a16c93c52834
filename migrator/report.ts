// The migration report, Markdown for people and JSON for machines: each step's time beside
// the plan's estimate, the checklist with evidence, the health triggers and notifications.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChecklistItem } from './checklist/evaluate.ts';
import type { Trigger } from './health/monitor.ts';
import type { MigrationEvent } from './notify.ts';

export interface StepReport {
  name: string;
  phase: string;
  status: string;
  seconds: number;
  /** When the step began (epoch ms); absent for a step done by an earlier run. */
  startedAt?: number;
  estimateSeconds: number;
  evidence: unknown;
  error?: string;
}

export interface Report {
  database: string;
  steps: StepReport[];
  checklist: ChecklistItem[];
  failure?: string;
  triggers: Trigger[];
  notifications: MigrationEvent[];
}

const fmt = (s: number) => (s < 120 ? `${s.toFixed(1)} s` : s < 7200 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`);

export function renderMarkdown(r: Report): string {
  const lines = [
    `# HPC migration report — ${r.database}`,
    '',
    `Written ${new Date().toISOString()}. Outcome: **${r.failure ? `stopped: ${r.failure}` : 'complete'}**.`,
    '',
    '## Steps',
    '',
    '| step | phase | status | time | plan estimate |',
    '|---|---|---|---|---|',
    ...r.steps.map(
      (s) =>
        `| ${s.name} | ${s.phase} | ${s.status}${s.error ? `: ${s.error.replace(/\|/g, '/').slice(0, 200)}` : ''} | ${fmt(s.seconds)} | ${fmt(s.estimateSeconds)} |`,
    ),
    '',
    '## Checklist',
    '',
    '| stage | item | result | evidence |',
    '|---|---|---|---|',
    ...r.checklist.map(
      (c) => `| ${c.stage} | ${c.item} | ${c.ok ? 'pass' : '**FAIL**'} | ${JSON.stringify(c.evidence).replace(/\|/g, '/').slice(0, 300)} |`,
    ),
    '',
    ...isolationSection(r.checklist),
    '## Health triggers',
    '',
    ...(r.triggers.length ? r.triggers.map((t) => `- ${t.at}: ${t.reason} → ${t.action}`) : ['none fired']),
    '',
    '## Notifications sent',
    '',
    ...r.notifications.map((n) => `- ${n.at} [${n.event}] ${n.message}`),
    '',
  ];
  return lines.join('\n');
}

type Cells = Record<string, Record<string, Record<string, number>>>;

/** The isolation proof's matrix: per relation and kind of caller, rows seen / of them another
 * school's / another school's rows written out of the write probes made. */
function isolationSection(checklist: ChecklistItem[]): string[] {
  const evidence = (prefix: string) =>
    checklist.find((c) => c.item.startsWith(prefix))?.evidence as
      | { perTable?: Cells; totals?: Record<string, number>; relations?: { table: string; judged: string; skipped?: string }[] }
      | undefined;
  const reads = evidence('no row of another school is visible');
  const writes = evidence('no row of another school is writable');
  if (!reads?.perTable || !reads.totals) return [];
  const kinds = [...new Set(Object.values(reads.perTable).flatMap((roles) => Object.keys(roles)))];
  const judged = new Map((reads.relations ?? []).map((r) => [r.table, r.judged]));
  const t = reads.totals;
  return [
    '## Isolation proof',
    '',
    `${t.callers} callers (a person per role of ${t.institutions} schools, and anon), ${t.tablesChecked} relations read ` +
      `(+ ${t.partitionsCoveredByParent} partitions through their parent), ${t.rowsChecked} rows judged, ${t.rowsVisible} seen. ` +
      "Each cell: rows seen / of them another school's / another school's rows written, of write probes.",
    '',
    `| relation | judged by | ${kinds.join(' | ')} |`,
    `|---|---|${kinds.map(() => '---|').join('')}`,
    ...Object.entries(reads.perTable).map(
      ([table, roles]) =>
        `| ${table} | ${judged.get(table) ?? ''} | ${kinds
          .map((k) => {
            const r = roles[k];
            const w = writes?.perTable?.[table]?.[k];
            return r ? `${r.visible} / ${r.foreign} / ${w?.probes ? `${w.writable} of ${w.probes}` : '-'}` : '';
          })
          .join(' | ')} |`,
    ),
    '',
  ];
}

export function writeReport(dir: string, r: Report): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, 'migration-report.md');
  const json = join(dir, 'migration-report.json');
  writeFileSync(markdown, renderMarkdown(r));
  writeFileSync(json, JSON.stringify(r, null, 2));
  return { markdown, json };
}
