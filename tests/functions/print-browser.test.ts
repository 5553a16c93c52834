// The printable card rendered in a real browser: Debian's Chromium, headless, driven by
// playwright-core. The demo school's card (Aarav Sharma, Vidya Niketan, which has Hindi and
// Tamil translations of its content) in English, Hindi and Tamil: each script must be
// shaped with a font that has it (asked of Chromium itself: the platform fonts used for the
// title), Part B must be in the card's language throughout, and the page must not overflow
// A4 — neither the 210 mm sheet on screen nor the 186 mm printable width of A4 with 12 mm
// margins in print media. Screenshots and PDFs go to test-artifacts/. A school without
// translations prints its own texts on a Hindi card, marked as not yet translated.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type postgres from 'postgres';
import { projectRoot } from '../../stack/settings.ts';
import { credentials, sql as openSql } from '../support/test-stack.ts';
import { loadFixture, type Fixture } from './support/fixture.ts';
import { invoke } from './support/invoke.ts';

const artifacts = join(projectRoot, 'test-artifacts');
const MM = 96 / 25.4; // CSS pixels per millimetre
const A4_WIDTH = Math.floor(210 * MM); // 793
const A4_HEIGHT = Math.floor(297 * MM);
const PRINTABLE_WIDTH = Math.floor((210 - 2 * 12) * MM); // 703

let sql: postgres.Sql;
let f: Fixture;
let browser: Browser;
let reportId: string;
let demoReportId: string;
let meera: string;

/** What each language's card must show: the dictionary's words and the school's own texts. */
const EXPECTED = {
  en: {
    script: /[A-Za-z]/,
    font: /Noto Sans|DejaVu|Liberation/i,
    words: [
      'Holistic Progress Card',
      'Term 1',
      'Term 2',
      'Self',
      'Peer',
      'Teacher',
      'Parent',
      'Principal',
      'Signatures',
      'Mathematics — Awareness',
      'Term 1 2026-27',
      'Proficient',
    ],
  },
  hi: {
    script: /[\u0900-\u097F]/,
    font: /Devanagari/i,
    words: [
      'समग्र प्रगति कार्ड',
      'सत्र 1',
      'सत्र 2',
      'स्वयं',
      'सहपाठी',
      'शिक्षक',
      'अभिभावक',
      'प्रधानाचार्य',
      'हस्ताक्षर',
      'गणित — जागरूकता',
      'सत्र 1, 2026-27',
      'दक्ष',
      'जागरूकता',
    ],
  },
  ta: {
    script: /[\u0B80-\u0BFF]/,
    font: /Tamil/i,
    words: [
      'முழுமையான முன்னேற்ற அட்டை',
      'பருவம் 1',
      'பருவம் 2',
      'சுயம்',
      'ஆசிரியர்',
      'பெற்றோர்',
      'தலைமையாசிரியர்',
      'கையொப்பங்கள்',
      'கணிதம் — விழிப்புணர்வு',
      'பருவம் 1, 2026-27',
      'தேர்ச்சி',
    ],
  },
} as const;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  sql = openSql();
  f = await loadFixture(sql);
  reportId = (await invoke(f.token('classTeacher'), 'hpc-reports/generate', { body: { cycle_id: f.cycle, student_id: f.user('ananya') } }))
    .body.report.report_id;
  [{ id: demoReportId }] = await sql<[{ id: string }]>`
    select id from hpc_reports where student_id = '00000000-0000-4000-a000-000000000003' and is_current`;
  meera = credentials().users.find((u) => u.email === 'meera.iyer@vidyaniketan.example')!.token;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await sql?.end();
});

describe.each(['en', 'hi', 'ta'] as const)("the demo school's printable card in %s", (lang) => {
  it('renders in Chromium without overflowing A4, in its language throughout, shaped by a proper font', async () => {
    const printable = await invoke(meera, `hpc-reports/reports/${demoReportId}/print?lang=${lang}`);
    expect(printable.status).toBe(200);
    expect(printable.body.language).toBe(lang);
    const page = await browser.newPage({ viewport: { width: A4_WIDTH, height: A4_HEIGHT } });
    try {
      await page.setContent(printable.body.html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);

      const screen = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out on screen; textContent would count hidden text too.
        text: document.body.innerText,
        // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out on screen; textContent would count hidden text too.
        grid: (document.querySelector('table.grid') as HTMLElement).innerText,
        // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out on screen; textContent would count hidden text too.
        legend: (document.querySelector('.legend') as HTMLElement).innerText,
        fallbacks: document.querySelectorAll('.fallback').length,
        lang: document.documentElement.lang,
      }));
      expect(screen.lang).toBe(lang);
      expect(screen.scrollWidth, 'the sheet fits the A4 width on screen').toBeLessThanOrEqual(A4_WIDTH);
      expect(screen.text).toContain('Aarav Sharma');
      for (const words of EXPECTED[lang].words) expect(screen.text).toContain(words);
      expect(screen.grid).toMatch(EXPECTED[lang].script);
      if (lang !== 'en') {
        // Part B — areas, parameters, abilities, levels, raters — and the legend have no English left
        expect(screen.grid, "Part B in the card's language throughout").not.toMatch(/[A-Za-z]/);
        expect(screen.legend).not.toMatch(/[A-Za-z]/);
      }
      expect(screen.fallbacks, 'every text of the demo school is translated').toBe(0);

      // Which fonts did Chromium really use for the title? (tofu boxes would come from a
      // fallback font without the script's glyphs)
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      expect(
        fonts.filter((font) => EXPECTED[lang].font.test(font.familyName) && font.glyphCount > 0),
        JSON.stringify(fonts),
      ).not.toHaveLength(0);

      // the level icons are drawn
      expect(await page.locator('td.lvl svg.icon').count()).toBeGreaterThan(5);
      await page.screenshot({ path: join(artifacts, `hpc-card-${lang}.png`), fullPage: true });

      // print media: the content must fit A4's printable width (12 mm margins)
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: PRINTABLE_WIDTH, height: A4_HEIGHT });
      const printWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(printWidth, 'the card fits A4 printable width in print media').toBeLessThanOrEqual(PRINTABLE_WIDTH);
      const pdf = await page.pdf({ path: join(artifacts, `hpc-card-${lang}.pdf`), format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('a school without translations', () => {
  it('prints its own texts on a Hindi card, underlined as not yet translated, with a note saying so', async () => {
    const printable = await invoke(f.token('classTeacher'), `hpc-reports/reports/${reportId}/print?lang=hi`);
    expect(printable.status).toBe(200);
    const page = await browser.newPage({ viewport: { width: A4_WIDTH, height: A4_HEIGHT } });
    try {
      await page.setContent(printable.body.html, { waitUntil: 'load' });
      const shown = await page.evaluate(() => ({
        fallbacks: [...document.querySelectorAll('.fallback')].map((el) => ({ lang: el.getAttribute('lang'), text: el.textContent })),
        // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out on screen; textContent would count hidden text too.
        footer: (document.querySelector('footer') as HTMLElement).innerText,
        // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out on screen; textContent would count hidden text too.
        title: (document.querySelector('h1') as HTMLElement).innerText,
      }));
      expect(shown.title).toBe('समग्र प्रगति कार्ड');
      expect(shown.fallbacks.length).toBeGreaterThan(3);
      expect(shown.fallbacks.every((x) => x.lang === 'en' && /[A-Za-z]/.test(x.text ?? ''))).toBe(true);
      expect(shown.footer).toContain('विद्यालय ने अभी अनुवाद नहीं किया है (मूल भाषा: अंग्रेज़ी)');
    } finally {
      await page.close();
    }
  }, 60_000);
});
