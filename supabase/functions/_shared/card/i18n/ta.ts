// The printable card's words in Tamil.
import type { Dictionary } from './en.ts';

export const ta: Dictionary = {
  title: 'முழுமையான முன்னேற்ற அட்டை',
  subtitle: 'திறன் அடிப்படையிலான அறிக்கை (தேசியக் கல்விக் கொள்கை 2020 · பரக்)',
  partA: 'பகுதி அ — பொதுத் தகவல்',
  name: 'பெயர்', admission: 'சேர்க்கை எண்', classSection: 'வகுப்பு / பிரிவு', dob: 'பிறந்த தேதி',
  stage: 'நிலை', cycle: 'மதிப்பீட்டுச் சுழற்சி',
  aboutMe: 'என்னைப் பற்றி', motherTongue: 'தாய்மொழி', interests: 'ஆர்வங்கள்', wantToBe: 'நான் ஆக விரும்புவது',
  partB: 'பகுதி ஆ — துறைவாரியான முன்னேற்றம்', parameter: 'மதிப்பிடப்படுவது',
  term: (n: number) => `பருவம் ${n}`,
  raters: { self: 'சுயம்', peer: 'சக மாணவர்', teacher: 'ஆசிரியர்', parent: 'பெற்றோர்' },
  legend: 'நிலைகள்', gap: 'ஆசிரியர் மதிப்பீட்டுக்கும் சுய மதிப்பீட்டுக்கும் இரண்டு அல்லது அதற்கு மேற்பட்ட நிலைகள் வேறுபாடு',
  missing: 'இன்னும் மதிப்பிட வேண்டியவர்கள்', complete: 'அனைத்து மதிப்பீடுகளும் பெறப்பட்டன',
  notCollected: (part: string, withdrawnOn: string | null) => withdrawnOn === null
    ? `${part} மதிப்பீடுகள் சேகரிக்கப்படவில்லை: பாதுகாவலரின் ஒப்புதல் பதிவு செய்யப்படவில்லை.`
    : `${part} மதிப்பீடுகள் சேகரிக்கப்படவில்லை: பாதுகாவலர் ${withdrawnOn} அன்று ஒப்புதலைத் திரும்பப் பெற்றார்.`,
  partC: 'பகுதி இ — ஆசிரியரின் குறிப்பு', summary: 'சுருக்கம்', strengths: 'பலங்கள்', barriers: 'உதவி தேவைப்படும் இடங்கள்',
  achievements: 'சாதனைகள்', ambition: 'இலக்கு அட்டை', goal: 'இலக்கு', review: 'மறுஆய்வு',
  partnership: 'பெற்றோர்–ஆசிரியர் கூட்டுறவு', signatures: 'கையொப்பங்கள்',
  classTeacher: 'வகுப்பாசிரியர்', principal: 'தலைமையாசிரியர்', date: 'தேதி',
  footer: 'இந்த அட்டையில் மதிப்பெண்கள், தரவரிசைகள் அல்லது சதமானங்கள் காட்டப்படுவதில்லை.',
  version: 'பதிப்பு', status: 'நிலைமை', none: '—',
  stages: { foundational: 'அடித்தளம்', preparatory: 'ஆயத்தம்', middle: 'நடுநிலை', secondary: 'இடைநிலை' },
  statuses: {
    draft: 'வரைவு', submitted: 'சமர்ப்பிக்கப்பட்டது', in_review: 'மறுஆய்வில்', changes_requested: 'மாற்றங்கள் கோரப்பட்டன',
    approved: 'ஒப்புதல் அளிக்கப்பட்டது', published: 'வெளியிடப்பட்டது',
  },
  prompts: {
    homework: 'வீட்டுப்பாடம்', participation: 'பங்கேற்பு', screen_time_vs_other_activities: 'திரை நேரமும் பிற செயல்பாடுகளும்',
    my_child_enjoys: 'என் குழந்தை விரும்புவது', can_be_supported_for: 'உதவி தேவைப்படுவது', goals: 'இலக்குகள்', progress: 'முன்னேற்றம்',
  },
  achievementLevels: {
    class: 'வகுப்பு', school: 'பள்ளி', inter_school: 'பள்ளிகளுக்கு இடையே', district: 'மாவட்டம்', state: 'மாநிலம்',
    national: 'தேசியம்', international: 'சர்வதேசம்',
  },
  abilities: { awareness: 'விழிப்புணர்வு', sensitivity: 'உணர்திறன்', creativity: 'படைப்பாற்றல்' },
  statements: (n: number) => `${n}/6 கூற்றுகள்`,
  fallbackNote: (language: string) => `புள்ளிக்கோடிட்ட உரையைப் பள்ளி இன்னும் மொழிபெயர்க்கவில்லை (மூல மொழி: ${language}).`,
  languageNames: { en: 'ஆங்கிலம்', hi: 'இந்தி', ta: 'தமிழ்' },
};
