// The signature block (parent, class teacher, principal per term) and the footer with the
// card's version and status.
import { escapeHtml as e } from '../html.ts';
import { anyFallback } from '../translate.ts';
import type { CardContext } from './context.ts';

export function signatures({ t, termNumbers }: CardContext): string {
  const rows = termNumbers.map((n) =>
    `<tr><th>${t.term(n)}</th>${
      [t.raters.parent, t.classTeacher, t.principal]
        .map((who) => `<td><div class="sign-line"></div><div class="sub">${who} · ${t.date}</div></td>`).join('')
    }</tr>`
  ).join('');
  return `<section class="block">
<h2>${t.signatures}</h2>
<table class="signatures"><colgroup><col style="width:16%"><col><col><col></colgroup>${rows}</table>
</section>`;
}

export function footer({ content, meta, lang, t }: CardContext): string {
  const hash = meta.contentHash ? ` · ${e(meta.contentHash.slice(0, 12))}` : '';
  const defaultLanguage = content.i18n?.default_language ?? '';
  const fallback = anyFallback(content, lang)
    ? `<br><span class="fallback-note">${e(t.fallbackNote(t.languageNames[defaultLanguage] ?? defaultLanguage))}</span>`
    : '';
  return `<footer>
  <span>${t.footer}${fallback}</span>
  <span>${t.version} ${e(meta.version)} · ${t.status}: ${e(t.statuses[meta.status] ?? meta.status)}${hash}</span>
</footer>`;
}
