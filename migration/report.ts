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
    ...r.steps.map((s) => `| ${s.name} | ${s.phase} | ${s.status}${s.error ? `: ${s.error.replace(/\|/g, '/').slice(0, 200)}` : ''} | ${fmt(s.seconds)} | ${fmt(s.estimateSeconds)} |`),
    '',
    '## Checklist',
    '',
    '| stage | item | result | evidence |',
    '|---|---|---|---|',
    ...r.checklist.map((c) => `| ${c.stage} | ${c.item} | ${c.ok ? 'pass' : '**FAIL**'} | ${JSON.stringify(c.evidence).replace(/\|/g, '/').slice(0, 300)} |`),
    '',
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

export function writeReport(dir: string, r: Report): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, 'migration-report.md');
  const json = join(dir, 'migration-report.json');
  writeFileSync(markdown, renderMarkdown(r));
  writeFileSync(json, JSON.stringify(r, null, 2));
  return { markdown, json };
}
