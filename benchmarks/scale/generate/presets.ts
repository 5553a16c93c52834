// The generator's sizes. Institution sizes follow a power law (weight i^-0.7): with the large
// preset the biggest school has ~10,000 students, the median ~150, the smallest ~80.
//   small   5 institutions,     600 students,      24,000 evaluations   (tests, seconds)
//   medium  100 institutions,   25,000 students,   1,000,000 evaluations
//   large   1,000 institutions, 250,000 students,  10,000,000 evaluations

export interface Preset {
  institutions: number;
  students: number;
  evaluations: number;
}

export const PRESETS: Record<string, Preset> = {
  small: { institutions: 5, students: 600, evaluations: 24_000 },
  medium: { institutions: 100, students: 25_000, evaluations: 1_000_000 },
  large: { institutions: 1_000, students: 250_000, evaluations: 10_000_000 },
};
