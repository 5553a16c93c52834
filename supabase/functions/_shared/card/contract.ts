// The card contract: what `content` of an hpc_reports row holds, as the database compiles
// it (private.hpc_compile_card). It describes `content` in the OpenAPI document and is
// parsed before a card is rendered. Objects are loose: a newer compile may add fields, and
// a reader must pass them on. The card shows levels only: no marks, totals, ranks or
// percentiles.
import { z } from '@hono/zod-openapi';
import { Constants } from '../database.types.ts';

const raters = Constants.public.Enums.hpc_rater_role;
// A compiled card leaves out what it does not know, or writes null: both mean "not given".
const str = z.string().nullish();
const num = z.number().nullish();

const Level = z.looseObject({
  ordinal: num,
  /** the rubric level row: its label's translations are under i18n, key level:<rubric_id> */
  rubric_id: str,
  label: str,
  icon: str,
  statements_circled: num,
  derived: z.boolean().optional(),
  observation: str,
});

const Parameter = z.looseObject({
  parameter_id: str,
  code: str,
  name: str,
  ability: str,
  activity: str,
  /** per term number ("1", "2"), per rater role, the level given */
  terms: z.record(z.string(), z.partialRecord(z.enum(raters), Level)).optional(),
  expected_roles: z.array(z.string()).optional(),
  missing_roles: z.array(z.string()).optional(),
  teacher_self_gap: z.boolean().optional(),
});

const Area = z.looseObject({
  area: str,
  area_code: str,
  parameters: z.array(Parameter).optional(),
});

/** A reflection or partnership entry of one term: structured answers and/or free text. */
const TermEntry = z.looseObject({
  term: num,
  content: z.record(z.string(), z.unknown()).nullish(),
  body: str,
});

const Narrative = z.looseObject({
  summary: str,
  strengths: str,
  barriers: str,
});

const Achievement = z.looseObject({
  title: str,
  category: str,
  level: str,
  achieved_on: str,
  verified: z.boolean().optional(),
  description: str,
});

const AmbitionGoal = z.looseObject({
  term: num,
  goal: z.record(z.string(), z.unknown()).nullish(),
  body: str,
  reviews: z.array(TermEntry).optional(),
});

/** The school's texts shown on the card, in one language other than the school's default. */
const LanguageTexts = z.looseObject({
  /** by key: cycle, area:<area_code>, parameter:<id>:name, parameter:<id>:activity, level:<rubric_id> */
  texts: z.record(z.string(), z.string()).optional(),
  /** the keys whose text is in the default language for want of a translation */
  fallback: z.array(z.string()).optional(),
});

export const CardContent = z
  .looseObject({
    schema_version: num,
    institution: z.looseObject({ name: str }).optional(),
    student: z.looseObject({
      full_name: str,
      admission_number: str,
      date_of_birth: str,
      grade: str,
    }).optional(),
    section: z.looseObject({ name: str, grade: str }).nullish(),
    stage: str,
    cycle: z.looseObject({ name: str, term_number: num, academic_term: str }).optional(),
    terms: z.array(z.looseObject({ term_number: num, name: str })).optional(),
    areas: z.array(Area).optional(),
    /** the class teacher's narrative per term number */
    narrative: z.record(z.string(), Narrative).optional(),
    achievements: z.array(Achievement).optional(),
    reflections: z.looseObject({
      all_about_me: z.array(TermEntry).optional(),
      self_reflections: z.array(TermEntry).optional(),
      ambition_card: z.array(AmbitionGoal).optional(),
    }).optional(),
    parent_partnership: z.array(TermEntry).optional(),
    completion: z.looseObject({ missing_roles: z.array(z.string()).optional(), complete: z.boolean().optional() }).optional(),
    /** parts a school recording consent could not collect: no guardian's consent, or withdrawn (since: the date) */
    not_collected: z.array(z.looseObject({ part: z.string(), reason: z.enum(['no_consent', 'consent_withdrawn']), since: str })).optional(),
    flags: z.looseObject({
      teacher_self_gap: z.array(z.looseObject({ code: z.string(), name: str })).optional(),
    }).optional(),
    /** the school's texts in every language the card prints in but its default one, frozen with the card */
    i18n: z.looseObject({
      default_language: str,
      languages: z.record(z.string(), LanguageTexts).optional(),
    }).optional(),
  })
  .openapi('CardContent', { description: 'The compiled card (private.hpc_compile_card); `{}` until first generated.' });

export type CardContent = z.infer<typeof CardContent>;
export type Area = z.infer<typeof Area>;
export type Level = z.infer<typeof Level>;
export type Rater = (typeof raters)[number];
export const RATERS: readonly Rater[] = ['self', 'peer', 'teacher', 'parent'];
