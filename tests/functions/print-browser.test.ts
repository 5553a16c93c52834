// The printable card rendered in a real browser: Debian's Chromium, headless, driven by
// playwright-core. English and Hindi: Devanagari must be shaped with a Devanagari font
// (asked of Chromium itself: the platform fonts used for the Hindi title), and the page
// must not overflow A4 — neither the 210 mm sheet on screen nor the 186 mm printable width
// of A4 with 12 mm margins in print media. Screenshots and PDFs go to test-artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type postgres from 'postgres';
import { projectRoot } from '../../stack/settings.ts';
import { sql as openSql } from '../support/test-stack.ts';
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

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  sql = openSql();
  f = await loadFixture(sql);
  reportId = (await invoke(f.token('classTeacher'), 'hpc-reports/generate', { body: { cycle_id: f.cycle, student_id: f.user('ananya') } }))
    .body.report.report_id;
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

describe.each(['en', 'hi'] as const)('the printable card in %s', (lang) => {
  it('renders in Chromium without overflowing A4, with its script shaped by a proper font', async () => {
    const printable = await invoke(f.token('classTeacher'), `hpc-reports/reports/${reportId}/print?lang=${lang}`);
    expect(printable.status).toBe(200);
    const page = await browser.newPage({ viewport: { width: A4_WIDTH, height: A4_HEIGHT } });
    try {
      await page.setContent(printable.body.html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);

      const screen = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out on screen; textContent would count hidden text too.
        text: document.body.innerText,
        lang: document.documentElement.lang,
      }));
      expect(screen.lang).toBe(lang);
      expect(screen.scrollWidth, 'the sheet fits the A4 width on screen').toBeLessThanOrEqual(A4_WIDTH);
      expect(screen.text).toContain('Ananya Gupta');
      const devanagari = /[\u0900-\u097F]/;
      if (lang === 'hi') {
        expect(screen.text).toMatch(devanagari);
        for (const words of ['समग्र प्रगति कार्ड', 'सत्र 1', 'सत्र 2', 'स्वयं', 'सहपाठी', 'शिक्षक', 'अभिभावक', 'प्रधानाचार्य', 'हस्ताक्षर']) {
          expect(screen.text).toContain(words);
        }
        // Which fonts did Chromium really use for the Hindi title? (tofu boxes would come
        // from a fallback font without Devanagari glyphs)
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument');
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        expect(
          fonts.filter((font) => /Devanagari/i.test(font.familyName) && font.glyphCount > 0),
          JSON.stringify(fonts),
        ).not.toHaveLength(0);
      } else {
        for (const words of [
          'Holistic Progress Card',
          'Term 1',
          'Term 2',
          'Self',
          'Peer',
          'Teacher',
          'Parent',
          'Principal',
          'Signatures',
        ]) {
          expect(screen.text).toContain(words);
        }
      }
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
