// The school's own texts (cycle, areas, parameters, levels) in the language a card prints
// in. The compiled card carries them per language (content.i18n, private.hpc_compile_card):
// the translation where the school gave one, else the text in the school's default
// language, listed as a fallback. The printed card marks a fallback discreetly (a dotted
// underline and a note in the footer) and tags it with the language it is really in.
import type { CardContent } from './contract.ts';
import { escapeHtml } from './html.ts';
import type { Language } from './i18n/index.ts';

export interface SchoolText {
  text: string;
  /** the language the text is in, when it is not the card's (no translation) */
  fallbackLanguage: string | null;
}

export type Translator = (key: string, original: string | null | undefined) => SchoolText;

/** A card compiled before translations existed, or printed in the school's own language, shows its texts as they are. */
export function translator(content: CardContent, lang: Language): Translator {
  const i18n = content.i18n;
  const inLanguage = i18n?.languages?.[lang];
  if (!i18n || i18n.default_language === lang || !inLanguage) {
    return (_key, original) => ({ text: original ?? '', fallbackLanguage: null });
  }
  const fallback = new Set(inLanguage.fallback ?? []);
  const fallbackLanguage = i18n.default_language ?? null;
  return (key, original) => {
    const text = inLanguage.texts?.[key];
    if (text === undefined) return { text: original ?? '', fallbackLanguage };
    return { text, fallbackLanguage: fallback.has(key) ? fallbackLanguage : null };
  };
}

/** The text as escaped HTML; a fallback in a span that says so. */
export function schoolText({ text, fallbackLanguage }: SchoolText): string {
  return fallbackLanguage === null
    ? escapeHtml(text)
    : `<span class="fallback" lang="${escapeHtml(fallbackLanguage)}">${escapeHtml(text)}</span>`;
}

/** Whether any text the card shows fell back (the footer then explains the underline). */
export function anyFallback(content: CardContent, lang: Language): boolean {
  const i18n = content.i18n;
  return !!i18n && i18n.default_language !== lang && (i18n.languages?.[lang]?.fallback?.length ?? 0) > 0;
}
