// Part B: the levels per area and parameter, per term and rater, with the legend of the
// levels used and what is still to be assessed.
import { type Area, type Level, RATERS } from '../contract.ts';
import { escapeHtml as e, levelIcon } from '../html.ts';
import type { CardContext } from './context.ts';

function levelCell(level: Level | undefined, { t }: CardContext): string {
  if (!level || level.ordinal === undefined || level.ordinal === null) return `<td class="lvl empty">${t.none}</td>`;
  const label = level.label ? (t.levels[level.label] ?? level.label) : '';
  const note = typeof level.statements_circled === 'number' ? `<span class="note">${e(t.statements(level.statements_circled))}</span>` : '';
  return `<td class="lvl">${levelIcon(level.icon, level.ordinal)}<span class="label">${e(label)}</span>${note}</td>`;
}

/** Each level label once, in the order of the scale. */
function legend(ctx: CardContext): string {
  const seen = new Map<string, Level>();
  for (const area of ctx.content.areas ?? []) {
    for (const p of area.parameters ?? []) {
      for (const levels of Object.values(p.terms ?? {})) {
        for (const l of Object.values(levels ?? {})) {
          if (l?.label && !seen.has(l.label)) seen.set(l.label, l);
        }
      }
    }
  }
  return [...seen.values()]
    .sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0))
    .map((l) => `<span class="legend-item">${levelIcon(l.icon, l.ordinal)} ${e(ctx.t.levels[l.label ?? ''] ?? l.label)}</span>`)
    .join('');
}

function areaRows(area: Area, ctx: CardContext): string {
  const rows = (area.parameters ?? []).map((p) => {
    const cells = ctx.termNumbers.map((n) => RATERS.map((r) => levelCell(p.terms?.[String(n)]?.[r], ctx)).join('')).join('');
    const flag = p.teacher_self_gap ? `<span class="flag" title="${e(ctx.t.gap)}">⚑</span>` : '';
    const sub = [p.ability, p.activity].filter(Boolean).map((s) => e(String(s).replace(/_/g, ' '))).join(' · ');
    return `<tr><td class="param">${e(p.name)}${flag}${sub ? `<div class="sub">${sub}</div>` : ''}</td>${cells}</tr>`;
  }).join('');
  return `<tr class="area"><th colspan="${1 + ctx.termNumbers.length * 4}">${e(area.area)}</th></tr>${rows}`;
}

function completion({ content, t }: CardContext): string {
  const missing = content.completion?.missing_roles ?? [];
  return missing.length ? `${t.missing}: ${missing.map((r) => e(t.raters[r] ?? r)).join(', ')}` : t.complete;
}

/** The parts the school could not collect for want of a guardian's consent, and why. */
function notCollected({ content, t }: CardContext): string {
  return (content.not_collected ?? [])
    .map((n) =>
      `<p class="sub">${e(t.notCollected(t.raters[n.part] ?? n.part, n.reason === 'consent_withdrawn' ? n.since ?? '' : null))}</p>`
    )
    .join('');
}

export function progress(ctx: CardContext): string {
  const { t, termNumbers } = ctx;
  const raterHeads = termNumbers.map(() => RATERS.map((r) => `<th class="rater">${t.raters[r]}</th>`).join('')).join('');
  return `<section>
<h2>${t.partB}</h2>
<div class="legend"><b>${t.legend}:</b> ${legend(ctx)} <span class="legend-item"><span class="flag">⚑</span> ${t.gap}</span></div>
<table class="grid">
  <colgroup><col class="param-col">${termNumbers.map(() => '<col><col><col><col>').join('')}</colgroup>
  <thead>
    <tr><th rowspan="2">${t.parameter}</th>${termNumbers.map((n) => `<th class="term" colspan="4">${t.term(n)}</th>`).join('')}</tr>
    <tr>${raterHeads}</tr>
  </thead>
  <tbody>${(ctx.content.areas ?? []).map((area) => areaRows(area, ctx)).join('')}</tbody>
</table>
<p class="sub">${completion(ctx)}</p>
${notCollected(ctx)}
</section>`;
}
