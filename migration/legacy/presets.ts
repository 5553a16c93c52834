import { createHash } from 'node:crypto';

// Sizes of a generated legacy BIG DAY database. `large` is the benchmark's: one million
// user_profiles with terms, courses and class structure in proportion (one enrolment per
// student in the current term, six courses per section).
export interface LegacyPreset {
  schools: number;
  studentsPerSchool: number;
  teachersPerSchool: number;
  adminsPerSchool: number;
  staffPerSchool: number;
  termsPerSchool: number;
  coursesPerSchool: number;
  grades: number;
  studentsPerSection: number;
  coursesPerSection: number;
}

export const presets: Record<'small' | 'large', LegacyPreset> = {
  small: {
    schools: 3,
    studentsPerSchool: 200,
    teachersPerSchool: 12,
    adminsPerSchool: 1,
    staffPerSchool: 2,
    termsPerSchool: 2,
    coursesPerSchool: 8,
    grades: 12,
    studentsPerSection: 10,
    coursesPerSection: 4,
  },
  large: {
    schools: 20,
    studentsPerSchool: 47_500,
    teachersPerSchool: 2_250,
    adminsPerSchool: 50,
    staffPerSchool: 200,
    termsPerSchool: 2,
    coursesPerSchool: 20,
    grades: 12,
    studentsPerSection: 40,
    coursesPerSection: 6,
  },
};

export type PresetName = keyof typeof presets;

export const peoplePerSchool = (p: LegacyPreset) => p.studentsPerSchool + p.teachersPerSchool + p.adminsPerSchool + p.staffPerSchool;

/** School n's unchecked institution_id in a generated database (deterministic, so that a
 * mapping file can name it): md5('legacy-school-' || n)::uuid. */
export function legacySchoolId(n: number): string {
  return legacyUuid(`legacy-school-${n}`);
}

function legacyUuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
