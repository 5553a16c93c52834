// Achievements and the Ambition Card (the student's goals and their reviews).
import { escapeHtml as e, plainText } from '../html.ts';
import type { CardContext } from './context.ts';

const list = (items: string, none: string) => (items ? `<ul>${items}</ul>` : `<p class="empty">${none}</p>`);

export function achievements({ content, t }: CardContext): string {
  const achieved = (content.achievements ?? []).map((a) =>
    `<li>${e(a.title)}` +
    (a.level ? ` <span class="sub">(${e(t.achievementLevels[a.level] ?? a.level.replace(/_/g, ' '))})</span>` : '') +
    (a.achieved_on ? ` <span class="sub">${e(a.achieved_on)}</span>` : '') +
    '</li>'
  ).join('');
  const goals = (content.reflections?.ambition_card ?? []).map((g) =>
    `<li><b>${t.goal}:</b> ${e(g.body ?? plainText(g.goal, t.prompts))}` +
    (g.reviews ?? []).map((r) =>
      `<div class="sub">${t.review} (${t.term(r.term ?? 0)}): ${e(r.body ?? plainText(r.content, t.prompts))}</div>`
    ).join('') +
    '</li>'
  ).join('');
  return `<section class="block">
<h2>${t.achievements}</h2>
${list(achieved, t.none)}
<h2>${t.ambition}</h2>
${list(goals, t.none)}
</section>`;
}
