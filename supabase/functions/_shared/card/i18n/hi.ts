// The printable card's words in Hindi.
import type { Dictionary } from './en.ts';

export const hi: Dictionary = {
  title: 'समग्र प्रगति कार्ड',
  subtitle: 'योग्यता-आधारित प्रगति पत्र (एनईपी 2020 · परख)',
  partA: 'भाग क — सामान्य जानकारी',
  name: 'नाम', admission: 'प्रवेश संख्या', classSection: 'कक्षा / वर्ग', dob: 'जन्म तिथि',
  stage: 'चरण', cycle: 'मूल्यांकन चक्र',
  aboutMe: 'मेरे बारे में', motherTongue: 'मातृभाषा', interests: 'रुचियाँ', wantToBe: 'मैं बनना चाहता/चाहती हूँ',
  partB: 'भाग ख — क्षेत्रवार प्रगति', parameter: 'मूल्यांकन का विषय',
  term: (n: number) => `सत्र ${n}`,
  raters: { self: 'स्वयं', peer: 'सहपाठी', teacher: 'शिक्षक', parent: 'अभिभावक' },
  legend: 'स्तर', gap: 'शिक्षक और स्व-मूल्यांकन में दो या अधिक स्तरों का अंतर',
  missing: 'अभी मूल्यांकन शेष', complete: 'सभी मूल्यांकन प्राप्त',
  notCollected: (part: string, withdrawnOn: string | null) => withdrawnOn === null
    ? `${part} मूल्यांकन एकत्र नहीं किए गए: अभिभावक की सहमति दर्ज नहीं है।`
    : `${part} मूल्यांकन एकत्र नहीं किए गए: अभिभावक ने ${withdrawnOn} को सहमति वापस ले ली।`,
  partC: 'भाग ग — शिक्षक की टिप्पणी', summary: 'सारांश', strengths: 'शक्तियाँ', barriers: 'सहायता के क्षेत्र',
  achievements: 'उपलब्धियाँ', ambition: 'महत्वाकांक्षा कार्ड', goal: 'लक्ष्य', review: 'समीक्षा',
  partnership: 'अभिभावक–शिक्षक साझेदारी', signatures: 'हस्ताक्षर',
  classTeacher: 'कक्षा अध्यापक', principal: 'प्रधानाचार्य', date: 'दिनांक',
  footer: 'इस कार्ड पर कोई अंक, रैंक या प्रतिशतक नहीं दिखाए जाते।',
  version: 'संस्करण', status: 'स्थिति', none: '—',
  stages: { foundational: 'आधारभूत', preparatory: 'प्रारंभिक', middle: 'मध्य', secondary: 'माध्यमिक' },
  statuses: {
    draft: 'मसौदा', submitted: 'प्रस्तुत', in_review: 'समीक्षाधीन', changes_requested: 'परिवर्तन अपेक्षित',
    approved: 'स्वीकृत', published: 'प्रकाशित',
  },
  prompts: {
    homework: 'गृहकार्य', participation: 'भागीदारी', screen_time_vs_other_activities: 'स्क्रीन समय बनाम अन्य गतिविधियाँ',
    my_child_enjoys: 'मेरे बच्चे को पसंद है', can_be_supported_for: 'इसमें सहायता की जा सकती है', goals: 'लक्ष्य', progress: 'प्रगति',
  },
  achievementLevels: {
    class: 'कक्षा', school: 'विद्यालय', inter_school: 'अंतर-विद्यालय', district: 'ज़िला', state: 'राज्य',
    national: 'राष्ट्रीय', international: 'अंतरराष्ट्रीय',
  },
  abilities: { awareness: 'जागरूकता', sensitivity: 'संवेदनशीलता', creativity: 'सृजनात्मकता' },
  statements: (n: number) => `${n}/6 कथन`,
  fallbackNote: (language: string) => `बिंदुदार रेखांकित पाठ का विद्यालय ने अभी अनुवाद नहीं किया है (मूल भाषा: ${language})।`,
  languageNames: { en: 'अंग्रेज़ी', hi: 'हिंदी', ta: 'तमिल' },
};
