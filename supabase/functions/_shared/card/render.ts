// The printable Holistic Progress Card: one self-contained HTML document (inline CSS and
// SVG icons, no external requests) laid out for A4 portrait, in English, Hindi or Tamil. The
// frontend receives it inside JSON and prints it from the browser (window.print() or an
// iframe), which shapes Devanagari and Tamil correctly — PDF libraries such as pdf-lib, jsPDF and
// pdfmake do not.
import type { CardContent } from './contract.ts';
import { escapeHtml } from './html.ts';
import { dictionaries, type Language } from './i18n/index.ts';
import { STYLE } from './style.ts';
import { translator } from './translate.ts';
import { achievements } from './sections/achievements.ts';
import { type CardContext, type CardMeta, termNumbersOf } from './sections/context.ts';
import { generalInformation, header } from './sections/general-information.ts';
import { narrative } from './sections/narrative.ts';
import { partnership } from './sections/partnership.ts';
import { progress } from './sections/progress.ts';
import { footer, signatures } from './sections/signatures.ts';

export type { CardMeta };

const SECTIONS = [header, generalInformation, progress, narrative, achievements, partnership, signatures, footer];

export function renderCard(content: CardContent, meta: CardMeta, lang: Language): string {
  const t = dictionaries[lang];
  const ctx: CardContext = { content, meta, lang, t, tr: translator(content, lang), termNumbers: termNumbersOf(content) };
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — ${escapeHtml(content.student?.full_name)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="sheet">
${SECTIONS.map((section) => section(ctx)).join('\n\n')}
</div>
</body>
</html>`;
}
