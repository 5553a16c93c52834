// What every section of the card is drawn from: the content, the words of the language and
// the terms shown (always Term 1 and Term 2, and any further term the card has).
import type { CardContent } from '../contract.ts';
import type { Dictionary, Language } from '../i18n/index.ts';
import type { Translator } from '../translate.ts';

export interface CardMeta {
  reportId: string;
  version: number;
  status: string;
  contentHash: string | null;
  publishedAt: string | null;
}

export interface CardContext {
  content: CardContent;
  meta: CardMeta;
  lang: Language;
  t: Dictionary;
  /** the school's texts in the card's language (or its default one, marked) */
  tr: Translator;
  termNumbers: number[];
}

export function termNumbersOf(content: CardContent): number[] {
  const numbers = [1, 2];
  for (const term of content.terms ?? []) {
    if (term.term_number && !numbers.includes(term.term_number)) numbers.push(term.term_number);
  }
  return numbers.sort((a, b) => a - b);
}
