// The languages a card prints in, each with its dictionary (the same list as the database's
// public.hpc_language).
import { type Dictionary, en } from './en.ts';
import { hi } from './hi.ts';
import { ta } from './ta.ts';

export const LANGUAGES = ['en', 'hi', 'ta'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { Dictionary };

export const dictionaries: Record<Language, Dictionary> = { en, hi, ta };
