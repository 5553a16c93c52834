// Part C: the class teacher's narrative, one column per term.
import { escapeHtml as e } from '../html.ts';
import type { CardContext } from './context.ts';

export function narrative({ content, t, termNumbers }: CardContext): string {
  const columns = termNumbers.map((n) => {
    const entry = content.narrative?.[String(n)];
    const body = entry
      ? `<p><b>${t.summary}:</b> ${e(entry.summary)}</p>` +
        (entry.strengths ? `<p><b>${t.strengths}:</b> ${e(entry.strengths)}</p>` : '') +
        (entry.barriers ? `<p><b>${t.barriers}:</b> ${e(entry.barriers)}</p>` : '')
      : `<p class="empty">${t.none}</p>`;
    return `<td><div class="term-head">${t.term(n)}</div>${body}</td>`;
  }).join('');
  return `<section class="block">
<h2>${t.partC}</h2>
<table><tr>${columns}</tr></table>
</section>`;
}
