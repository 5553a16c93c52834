// The printable card's words in English.
export const en = {
  title: 'Holistic Progress Card',
  subtitle: 'Competency-based report (NEP 2020 · PARAKH)',
  partA: 'Part A — General information',
  name: 'Name',
  admission: 'Admission no.',
  classSection: 'Class / Section',
  dob: 'Date of birth',
  stage: 'Stage',
  cycle: 'Assessment cycle',
  aboutMe: 'All about me',
  motherTongue: 'Mother tongue',
  interests: 'Interests',
  wantToBe: 'I want to be',
  partB: 'Part B — Progress by area',
  parameter: 'What is assessed',
  term: (n: number) => `Term ${n}`,
  raters: { self: 'Self', peer: 'Peer', teacher: 'Teacher', parent: 'Parent' } as Record<string, string>,
  legend: 'Levels',
  gap: 'Teacher and self-assessment differ by two levels or more',
  missing: 'Still to be assessed by',
  complete: 'All assessments received',
  /** a part not collected: no consent (withdrawnOn null), or consent withdrawn on that date */
  notCollected: (part: string, withdrawnOn: string | null) =>
    withdrawnOn === null
      ? `${part} ratings were not collected: no guardian's consent is recorded.`
      : `${part} ratings were not collected: the guardian's consent was withdrawn on ${withdrawnOn}.`,
  partC: "Part C — Teacher's narrative",
  summary: 'Summary',
  strengths: 'Strengths',
  barriers: 'Can be supported in',
  achievements: 'Achievements',
  ambition: 'Ambition Card',
  goal: 'Goal',
  review: 'Review',
  partnership: 'Parent–Teacher Partnership',
  signatures: 'Signatures',
  classTeacher: 'Class teacher',
  principal: 'Principal',
  date: 'Date',
  footer: 'No marks, ranks or percentiles are shown on this card.',
  version: 'Version',
  status: 'Status',
  none: '—',
  stages: { foundational: 'Foundational', preparatory: 'Preparatory', middle: 'Middle', secondary: 'Secondary' } as Record<string, string>,
  statuses: {
    draft: 'Draft',
    submitted: 'Submitted',
    in_review: 'In review',
    changes_requested: 'Changes requested',
    approved: 'Approved',
    published: 'Published',
  } as Record<string, string>,
  /** the prompts of the Partnership card and the Ambition Card, by the key their answers are stored under */
  prompts: {
    homework: 'homework', participation: 'participation', screen_time_vs_other_activities: 'screen time vs other activities',
    my_child_enjoys: 'my child enjoys', can_be_supported_for: 'can be supported for', goals: 'goals', progress: 'progress',
  } as Record<string, string>,
  achievementLevels: {
    class: 'class', school: 'school', inter_school: 'inter-school', district: 'district', state: 'state',
    national: 'national', international: 'international',
  } as Record<string, string>,
  /** PARAKH's three abilities, stored as codes */
  abilities: { awareness: 'Awareness', sensitivity: 'Sensitivity', creativity: 'Creativity' } as Record<string, string>,
  statements: (n: number) => `${n}/6 statements`,
  /** the footer's note on texts the school has not translated yet, named by their language */
  fallbackNote: (language: string) => `Text underlined with dots is not yet translated by the school (shown in ${language}).`,
  languageNames: { en: 'English', hi: 'Hindi', ta: 'Tamil' } as Record<string, string>,
};

export type Dictionary = typeof en;
