// The languages a card prints in, each with its dictionary.
import { type Dictionary, en } from './en.ts';
import { hi } from './hi.ts';

export const LANGUAGES = ['en', 'hi'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { Dictionary };

export const dictionaries: Record<Language, Dictionary> = { en, hi };
