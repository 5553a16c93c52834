// The printable Holistic Progress Card: one self-contained HTML document (inline CSS and
// SVG icons, no external requests) laid out for A4 portrait, in English or Hindi. The
// frontend receives it inside JSON and prints it from the browser (window.print() or an
// iframe), which shapes Devanagari correctly — PDF libraries such as pdf-lib, jsPDF and
// pdfmake do not.
//
// The card shows levels only: no marks, totals, ranks or percentiles.

export type Language = 'en' | 'hi';

interface Level {
  ordinal?: number;
  label?: string;
  icon?: string;
  statements_circled?: number;
  derived?: boolean;
  observation?: string;
}
type Rater = 'self' | 'peer' | 'teacher' | 'parent';
interface Parameter {
  code?: string;
  name?: string;
  ability?: string;
  activity?: string;
  terms?: Record<string, Partial<Record<Rater, Level>>>;
  missing_roles?: string[];
  teacher_self_gap?: boolean;
}
interface Area {
  area?: string;
  area_code?: string;
  parameters?: Parameter[];
}
interface TermText {
  term?: number;
  content?: Record<string, unknown>;
  body?: string;
}
export interface CardContent {
  institution?: { name?: string };
  student?: { full_name?: string; admission_number?: string; date_of_birth?: string; grade?: string };
  section?: { name?: string; grade?: string };
  stage?: string;
  cycle?: { name?: string; term_number?: number; academic_term?: string };
  terms?: { term_number?: number; name?: string }[];
  areas?: Area[];
  narrative?: Record<string, { summary?: string; strengths?: string; barriers?: string }>;
  achievements?: { title?: string; category?: string; level?: string; achieved_on?: string; verified?: boolean }[];
  reflections?: {
    all_about_me?: TermText[];
    self_reflections?: TermText[];
    ambition_card?: { term?: number; goal?: Record<string, unknown>; body?: string; reviews?: TermText[] }[];
  };
  parent_partnership?: TermText[];
  completion?: { missing_roles?: string[]; complete?: boolean };
}

export interface CardMeta {
  reportId: string;
  version: number;
  status: string;
  contentHash: string | null;
  publishedAt: string | null;
}

const dictionary = {
  en: {
    title: 'Holistic Progress Card',
    subtitle: 'Competency-based report (NEP 2020 · PARAKH)',
    partA: 'Part A — General information',
    name: 'Name', admission: 'Admission no.', classSection: 'Class / Section', dob: 'Date of birth',
    stage: 'Stage', cycle: 'Assessment cycle',
    aboutMe: 'All about me', motherTongue: 'Mother tongue', interests: 'Interests', wantToBe: 'I want to be',
    partB: 'Part B — Progress by area', parameter: 'What is assessed',
    term: (n: number) => `Term ${n}`,
    self: 'Self', peer: 'Peer', teacher: 'Teacher', parent: 'Parent',
    legend: 'Levels', gap: 'Teacher and self-assessment differ by two levels or more',
    missing: 'Still to be assessed by', complete: 'All assessments received',
    partC: 'Part C — Teacher\'s narrative', summary: 'Summary', strengths: 'Strengths', barriers: 'Can be supported in',
    achievements: 'Achievements', ambition: 'Ambition Card', goal: 'Goal', review: 'Review',
    partnership: 'Parent–Teacher Partnership', signatures: 'Signatures',
    classTeacher: 'Class teacher', principal: 'Principal', date: 'Date',
    footer: 'No marks, ranks or percentiles are shown on this card.',
    version: 'Version', status: 'Status', none: '—',
    stages: { foundational: 'Foundational', preparatory: 'Preparatory', middle: 'Middle', secondary: 'Secondary' } as Record<string, string>,
    statuses: {
      draft: 'Draft', submitted: 'Submitted', in_review: 'In review', changes_requested: 'Changes requested',
      approved: 'Approved', published: 'Published',
    } as Record<string, string>,
    levels: {} as Record<string, string>,
    statements: (n: number) => `${n}/6 statements`,
  },
  hi: {
    title: 'समग्र प्रगति कार्ड',
    subtitle: 'योग्यता-आधारित प्रगति पत्र (एनईपी 2020 · परख)',
    partA: 'भाग क — सामान्य जानकारी',
    name: 'नाम', admission: 'प्रवेश संख्या', classSection: 'कक्षा / वर्ग', dob: 'जन्म तिथि',
    stage: 'चरण', cycle: 'मूल्यांकन चक्र',
    aboutMe: 'मेरे बारे में', motherTongue: 'मातृभाषा', interests: 'रुचियाँ', wantToBe: 'मैं बनना चाहता/चाहती हूँ',
    partB: 'भाग ख — क्षेत्रवार प्रगति', parameter: 'मूल्यांकन का विषय',
    term: (n: number) => `सत्र ${n}`,
    self: 'स्वयं', peer: 'सहपाठी', teacher: 'शिक्षक', parent: 'अभिभावक',
    legend: 'स्तर', gap: 'शिक्षक और स्व-मूल्यांकन में दो या अधिक स्तरों का अंतर',
    missing: 'अभी मूल्यांकन शेष', complete: 'सभी मूल्यांकन प्राप्त',
    partC: 'भाग ग — शिक्षक की टिप्पणी', summary: 'सारांश', strengths: 'शक्तियाँ', barriers: 'सहायता के क्षेत्र',
    achievements: 'उपलब्धियाँ', ambition: 'महत्वाकांक्षा कार्ड', goal: 'लक्ष्य', review: 'समीक्षा',
    partnership: 'अभिभावक–शिक्षक साझेदारी', signatures: 'हस्ताक्षर',
    classTeacher: 'कक्षा अध्यापक', principal: 'प्रधानाचार्य', date: 'दिनांक',
    footer: 'इस कार्ड पर कोई अंक, रैंक या प्रतिशतक नहीं दिखाए जाते।',
    version: 'संस्करण', status: 'स्थिति', none: '—',
    stages: { foundational: 'आधारभूत', preparatory: 'प्रारंभिक', middle: 'मध्य', secondary: 'माध्यमिक' } as Record<string, string>,
    statuses: {
      draft: 'मसौदा', submitted: 'प्रस्तुत', in_review: 'समीक्षाधीन', changes_requested: 'परिवर्तन अपेक्षित',
      approved: 'स्वीकृत', published: 'प्रकाशित',
    } as Record<string, string>,
    levels: {
      Beginner: 'आरंभिक', Progressing: 'प्रगतिशील', Progressive: 'प्रगतिशील', Proficient: 'दक्ष', Advanced: 'उन्नत',
    } as Record<string, string>,
    statements: (n: number) => `${n}/6 कथन`,
  },
};

const RATERS: Rater[] = ['self', 'peer', 'teacher', 'parent'];

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The level icons many schools use (Stream, Mountain, Sky), as inline SVG. */
function icon(name: string | undefined, ordinal: number | undefined): string {
  const svg = (body: string) =>
    `<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">${body}</svg>`;
  switch (name) {
    case 'stream':
      return svg('<path d="M1 5c2-2 4 2 7 0s4-2 7 0M1 10c2-2 4 2 7 0s4-2 7 0" fill="none" stroke="#2b7bb9" stroke-width="1.6"/>');
    case 'mountain':
      return svg('<path d="M1 14 6 5l3 5 2-3 4 7z" fill="#7a8b3c"/>');
    case 'sky':
      return svg('<circle cx="11" cy="5" r="3" fill="#f2b705"/><path d="M2 12a3 3 0 0 1 3-3 4 4 0 0 1 7 1 2 2 0 0 1 0 4H4a2 2 0 0 1-2-2z" fill="#9ec9e8"/>');
    default:
      return svg(`<circle cx="8" cy="8" r="6.5" fill="none" stroke="#555"/><text x="8" y="11" font-size="8" text-anchor="middle">${escapeHtml(ordinal ?? '')}</text>`);
  }
}

function levelCell(level: Level | undefined, lang: Language): string {
  const t = dictionary[lang];
  if (!level || level.ordinal === undefined) return `<td class="lvl empty">${t.none}</td>`;
  const label = level.label ? (t.levels[level.label] ?? level.label) : '';
  const note = level.statements_circled !== undefined ? `<span class="note">${escapeHtml(t.statements(level.statements_circled))}</span>` : '';
  return `<td class="lvl">${icon(level.icon, level.ordinal)}<span class="label">${escapeHtml(label)}</span>${note}</td>`;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => text(v)).join(', ');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k.replace(/_/g, ' ')}: ${text(v)}`).join('; ');
  return String(value);
}

export function renderCard(content: CardContent, meta: CardMeta, lang: Language): string {
  const t = dictionary[lang];
  const termNumbers = [1, 2];
  for (const term of content.terms ?? []) {
    if (term.term_number && !termNumbers.includes(term.term_number)) termNumbers.push(term.term_number);
  }
  termNumbers.sort((a, b) => a - b);
  const student = content.student ?? {};
  const about = content.reflections?.all_about_me?.at(-1)?.content ?? {};

  const legend = new Map<string, Level>();
  for (const area of content.areas ?? []) {
    for (const p of area.parameters ?? []) {
      for (const levels of Object.values(p.terms ?? {})) {
        for (const l of Object.values(levels ?? {})) {
          if (l?.label && !legend.has(l.label)) legend.set(l.label, l);
        }
      }
    }
  }
  const legendHtml = [...legend.values()]
    .sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0))
    .map((l) => `<span class="legend-item">${icon(l.icon, l.ordinal)} ${escapeHtml(t.levels[l.label ?? ''] ?? l.label)}</span>`)
    .join('');

  const raterHeads = termNumbers.map(() => RATERS.map((r) => `<th class="rater">${t[r]}</th>`).join('')).join('');
  const areas = (content.areas ?? []).map((area) => {
    const rows = (area.parameters ?? []).map((p) => {
      const cells = termNumbers.map((n) => RATERS.map((r) => levelCell(p.terms?.[String(n)]?.[r], lang)).join('')).join('');
      const flags = [
        p.teacher_self_gap ? `<span class="flag" title="${escapeHtml(t.gap)}">⚑</span>` : '',
      ].join('');
      const sub = [p.ability, p.activity].filter(Boolean).map((s) => escapeHtml(String(s).replace(/_/g, ' '))).join(' · ');
      return `<tr><td class="param">${escapeHtml(p.name)}${flags}${sub ? `<div class="sub">${sub}</div>` : ''}</td>${cells}</tr>`;
    }).join('');
    return `<tr class="area"><th colspan="${1 + termNumbers.length * 4}">${escapeHtml(area.area)}</th></tr>${rows}`;
  }).join('');

  const narrative = termNumbers.map((n) => {
    const entry = content.narrative?.[String(n)];
    return `<td><div class="term-head">${t.term(n)}</div>${entry
      ? `<p><b>${t.summary}:</b> ${escapeHtml(entry.summary)}</p>${entry.strengths ? `<p><b>${t.strengths}:</b> ${escapeHtml(entry.strengths)}</p>` : ''}${entry.barriers ? `<p><b>${t.barriers}:</b> ${escapeHtml(entry.barriers)}</p>` : ''}`
      : `<p class="empty">${t.none}</p>`}</td>`;
  }).join('');

  const achievements = (content.achievements ?? []).map((a) =>
    `<li>${escapeHtml(a.title)}${a.level ? ` <span class="sub">(${escapeHtml(a.level.replace(/_/g, ' '))})</span>` : ''}${a.achieved_on ? ` <span class="sub">${escapeHtml(a.achieved_on)}</span>` : ''}</li>`).join('');
  const ambition = (content.reflections?.ambition_card ?? []).map((g) =>
    `<li><b>${t.goal}:</b> ${escapeHtml(g.body ?? text(g.goal))}${(g.reviews ?? []).map((r) => `<div class="sub">${t.review} (${t.term(r.term ?? 0)}): ${escapeHtml(r.body ?? text(r.content))}</div>`).join('')}</li>`).join('');
  const partnership = termNumbers.map((n) => {
    const entries = (content.parent_partnership ?? []).filter((p) => p.term === n);
    return `<td><div class="term-head">${t.term(n)}</div>${entries.length
      ? entries.map((e) => `<p>${escapeHtml(text(e.content))}</p>${e.body ? `<p>${escapeHtml(e.body)}</p>` : ''}`).join('')
      : `<p class="empty">${t.none}</p>`}</td>`;
  }).join('');
  const missing = content.completion?.missing_roles ?? [];
  const completion = missing.length
    ? `${t.missing}: ${missing.map((r) => (t as unknown as Record<string, string>)[r] ?? r).map(escapeHtml).join(', ')}`
    : t.complete;

  const signatures = termNumbers.map((n) => `<tr><th>${t.term(n)}</th>${[t.parent, t.classTeacher, t.principal]
    .map((who) => `<td><div class="sign-line"></div><div class="sub">${who} · ${t.date}</div></td>`).join('')}</tr>`).join('');

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — ${escapeHtml(student.full_name)}</title>
<style>
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: 'Noto Sans', 'Noto Sans Devanagari', 'Nirmala UI', 'Mangal', sans-serif; font-size: 8.5pt; color: #1a1a1a; line-height: 1.35; }
.sheet { width: 210mm; max-width: 100%; margin: 0 auto; padding: 12mm; }
@media print { .sheet { width: auto; padding: 0; } }
header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 1.5pt solid #23527c; padding-bottom: 2mm; margin-bottom: 3mm; }
h1 { font-size: 15pt; margin: 0; color: #23527c; }
h2 { font-size: 10pt; margin: 4mm 0 1.5mm; color: #23527c; break-after: avoid; }
.school { font-size: 10pt; font-weight: 600; text-align: right; }
.sub { font-size: 7pt; color: #555; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.5pt solid #9aa5b1; padding: 1mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
th { background: #eef3f8; font-weight: 600; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.info th { width: 22%; }
.grid col.param-col { width: 30%; }
.grid th.term { text-align: center; }
.grid th.rater { font-size: 6.5pt; text-align: center; padding: 0.6mm 0.3mm; }
.grid tr.area th { background: #dde8f2; }
.lvl { text-align: center; font-size: 6.5pt; padding: 0.6mm 0.3mm; }
.lvl .icon { display: block; margin: 0 auto 0.3mm; }
.lvl .label { display: block; }
.lvl .note { display: block; color: #666; font-size: 5.5pt; }
.lvl.empty { color: #aaa; }
.flag { color: #b3261e; margin-left: 1mm; }
.legend { margin: 1.5mm 0; }
.legend-item { display: inline-flex; align-items: center; gap: 1mm; margin-right: 4mm; }
.term-head { font-weight: 600; margin-bottom: 1mm; }
.empty { color: #999; }
p { margin: 0 0 1mm; }
ul { margin: 0; padding-left: 4mm; }
.block { break-inside: avoid; }
.sign-line { height: 9mm; border-bottom: 0.5pt solid #333; }
footer { margin-top: 3mm; font-size: 6.5pt; color: #666; display: flex; justify-content: space-between; gap: 4mm; }
</style>
</head>
<body>
<div class="sheet">
<header>
  <div><h1>${t.title}</h1><div class="sub">${t.subtitle}</div></div>
  <div class="school">${escapeHtml(content.institution?.name)}<div class="sub">${escapeHtml(content.cycle?.academic_term ?? '')}</div></div>
</header>

<section class="block">
<h2>${t.partA}</h2>
<table class="info">
  <tr><th>${t.name}</th><td>${escapeHtml(student.full_name)}</td><th>${t.admission}</th><td>${escapeHtml(student.admission_number)}</td></tr>
  <tr><th>${t.classSection}</th><td>${escapeHtml(content.section?.name ?? student.grade)}</td><th>${t.dob}</th><td>${escapeHtml(student.date_of_birth)}</td></tr>
  <tr><th>${t.stage}</th><td>${escapeHtml(t.stages[content.stage ?? ''] ?? content.stage)}</td><th>${t.cycle}</th><td>${escapeHtml(content.cycle?.name)}</td></tr>
  <tr><th>${t.aboutMe}</th><td colspan="3">${about.mother_tongue ? `<b>${t.motherTongue}:</b> ${escapeHtml(text(about.mother_tongue))}. ` : ''}${about.interests ? `<b>${t.interests}:</b> ${escapeHtml(text(about.interests))}. ` : ''}${about.i_want_to_be ? `<b>${t.wantToBe}:</b> ${escapeHtml(text(about.i_want_to_be))}.` : ''}</td></tr>
</table>
</section>

<section>
<h2>${t.partB}</h2>
<div class="legend"><b>${t.legend}:</b> ${legendHtml} <span class="legend-item"><span class="flag">⚑</span> ${t.gap}</span></div>
<table class="grid">
  <colgroup><col class="param-col">${termNumbers.map(() => '<col><col><col><col>').join('')}</colgroup>
  <thead>
    <tr><th rowspan="2">${t.parameter}</th>${termNumbers.map((n) => `<th class="term" colspan="4">${t.term(n)}</th>`).join('')}</tr>
    <tr>${raterHeads}</tr>
  </thead>
  <tbody>${areas}</tbody>
</table>
<p class="sub">${completion}</p>
</section>

<section class="block">
<h2>${t.partC}</h2>
<table><tr>${narrative}</tr></table>
</section>

<section class="block">
<h2>${t.achievements}</h2>
${achievements ? `<ul>${achievements}</ul>` : `<p class="empty">${t.none}</p>`}
<h2>${t.ambition}</h2>
${ambition ? `<ul>${ambition}</ul>` : `<p class="empty">${t.none}</p>`}
</section>

<section class="block">
<h2>${t.partnership}</h2>
<table><tr>${partnership}</tr></table>
</section>

<section class="block">
<h2>${t.signatures}</h2>
<table class="signatures"><colgroup><col style="width:16%"><col><col><col></colgroup>${signatures}</table>
</section>

<footer>
  <span>${t.footer}</span>
  <span>${t.version} ${escapeHtml(meta.version)} · ${t.status}: ${escapeHtml(t.statuses[meta.status] ?? meta.status)}${meta.contentHash ? ` · ${escapeHtml(meta.contentHash.slice(0, 12))}` : ''}</span>
</footer>
</div>
</body>
</html>`;
}
