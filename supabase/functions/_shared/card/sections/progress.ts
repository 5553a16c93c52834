// Part B: the levels per area and parameter, per term and rater, with the legend of the
// levels used and what is still to be assessed.
import { type Area, type Level, RATERS } from '../contract.ts';
import { escapeHtml as e, levelIcon } from '../html.ts';
import { type SchoolText, schoolText } from '../translate.ts';
import type { CardContext } from './context.ts';

const levelLabel = (level: Level, { tr }: CardContext): SchoolText => tr(`level:${level.rubric_id}`, level.label);

function levelCell(level: Level | undefined, ctx: CardContext): string {
  const { t } = ctx;
  if (!level || level.ordinal === undefined || level.ordinal === null) return `<td class="lvl empty">${t.none}</td>`;
  const label = level.label ? schoolText(levelLabel(level, ctx)) : '';
  const note = typeof level.statements_circled === 'number' ? `<span class="note">${e(t.statements(level.statements_circled))}</span>` : '';
  return `<td class="lvl">${levelIcon(level.icon, level.ordinal)}<span class="label">${label}</span>${note}</td>`;
}

/** Each level label once (as the card's language writes it), in the order of the scale. */
function legend(ctx: CardContext): string {
  const seen = new Map<string, { level: Level; label: SchoolText }>();
  for (const area of ctx.content.areas ?? []) {
    for (const p of area.parameters ?? []) {
      for (const levels of Object.values(p.terms ?? {})) {
        for (const l of Object.values(levels ?? {})) {
          if (!l?.label) continue;
          const label = levelLabel(l, ctx);
          if (!seen.has(label.text)) seen.set(label.text, { level: l, label });
        }
      }
    }
  }
  return [...seen.values()]
    .sort((a, b) => (a.level.ordinal ?? 0) - (b.level.ordinal ?? 0))
    .map(({ level, label }) => `<span class="legend-item">${levelIcon(level.icon, level.ordinal)} ${schoolText(label)}</span>`)
    .join('');
}

function areaRows(area: Area, ctx: CardContext): string {
  const rows = (area.parameters ?? []).map((p) => {
    const cells = ctx.termNumbers.map((n) => RATERS.map((r) => levelCell(p.terms?.[String(n)]?.[r], ctx)).join('')).join('');
    const flag = p.teacher_self_gap ? `<span class="flag" title="${e(ctx.t.gap)}">⚑</span>` : '';
    const ability = p.ability ? e(ctx.t.abilities[p.ability] ?? p.ability.replace(/_/g, ' ')) : '';
    const activity = p.activity ? schoolText(ctx.tr(`parameter:${p.parameter_id}:activity`, p.activity)) : '';
    const sub = [ability, activity].filter(Boolean).join(' · ');
    const name = schoolText(ctx.tr(`parameter:${p.parameter_id}:name`, p.name));
    return `<tr><td class="param">${name}${flag}${sub ? `<div class="sub">${sub}</div>` : ''}</td>${cells}</tr>`;
  }).join('');
  const name = schoolText(ctx.tr(`area:${area.area_code}`, area.area));
  return `<tr class="area"><th colspan="${1 + ctx.termNumbers.length * 4}">${name}</th></tr>${rows}`;
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
