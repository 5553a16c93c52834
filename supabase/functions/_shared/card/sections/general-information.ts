// The card's header and Part A: school, student, class, stage, cycle and "All about me".
import { escapeHtml as e, plainText } from '../html.ts';
import { schoolText } from '../translate.ts';
import type { CardContext } from './context.ts';

export function header({ content, t, tr }: CardContext): string {
  return `<header>
  <div><h1>${t.title}</h1><div class="sub">${t.subtitle}</div></div>
  <div class="school">${e(content.institution?.name)}<div class="sub">${schoolText(tr('cycle', content.cycle?.name))}</div></div>
</header>`;
}

export function generalInformation({ content, t, tr }: CardContext): string {
  const student = content.student ?? {};
  const about = content.reflections?.all_about_me?.at(-1)?.content ?? {};
  const aboutMe = [
    about.mother_tongue ? `<b>${t.motherTongue}:</b> ${e(plainText(about.mother_tongue))}. ` : '',
    about.interests ? `<b>${t.interests}:</b> ${e(plainText(about.interests))}. ` : '',
    about.i_want_to_be ? `<b>${t.wantToBe}:</b> ${e(plainText(about.i_want_to_be))}.` : '',
  ].join('');
  return `<section class="block">
<h2>${t.partA}</h2>
<table class="info">
  <tr><th>${t.name}</th><td>${e(student.full_name)}</td><th>${t.admission}</th><td>${e(student.admission_number)}</td></tr>
  <tr><th>${t.classSection}</th><td>${e(content.section?.name ?? student.grade)}</td><th>${t.dob}</th><td>${
    e(student.date_of_birth)
  }</td></tr>
  <tr><th>${t.stage}</th><td>${e(t.stages[content.stage ?? ''] ?? content.stage)}</td><th>${t.cycle}</th><td>${
    schoolText(tr('cycle', content.cycle?.name))
  }</td></tr>
  <tr><th>${t.aboutMe}</th><td colspan="3">${aboutMe}</td></tr>
</table>
</section>`;
}
