// The Parent–Teacher Partnership: what the parents wrote, one column per term.
import { escapeHtml as e, plainText } from '../html.ts';
import type { CardContext } from './context.ts';

export function partnership({ content, t, termNumbers }: CardContext): string {
  const columns = termNumbers.map((n) => {
    const entries = (content.parent_partnership ?? []).filter((p) => p.term === n);
    const body = entries.length
      ? entries.map((entry) => `<p>${e(plainText(entry.content, t.prompts))}</p>${entry.body ? `<p>${e(entry.body)}</p>` : ''}`).join('')
      : `<p class="empty">${t.none}</p>`;
    return `<td><div class="term-head">${t.term(n)}</div>${body}</td>`;
  }).join('');
  return `<section class="block">
<h2>${t.partnership}</h2>
<table><tr>${columns}</tr></table>
</section>`;
}
