// Opens the dashboard (examples/dashboard/) in headless Chromium (Debian's `chromium`, driven by playwright-core)
// and checks what a reader sees: the charts render, the page logs no error, and text is readable on a 1280 px
// screen and on a phone. DASHBOARD_SCREENSHOT=docs/dashboard.png writes the screenshot shown in the README.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../examples/dashboard/build.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let dir = '';
let context: BrowserContext;
let url = '';
const dashboard = buildDashboard();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  dir = mkdtempSync(join(tmpdir(), 'itsm-kit-dashboard-test-'));
  const file = join(dir, 'index.html');
  writeFileSync(file, dashboard.html);
  url = pathToFileURL(file).href;
  context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS });
});

afterAll(async () => {
  await context?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Opens the page at a viewport size, collecting console errors and page errors. */
async function open(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.setViewportSize({ width, height });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}

interface Readability { htmlPx: number; svgPx: number; overflow: number; svgCount: number; drawnSvgs: number }

/**
 * What the reader sees of text: the smallest rendered size of HTML text and of chart text (font size times the
 * chart's scale), how far the page scrolls sideways, and how many charts are drawn at a real size. Run in the
 * page; a string, so the tests' type-check needs no DOM library.
 */
const READABILITY = `(() => {
  let htmlPx = Infinity, svgPx = Infinity;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el === null || n.textContent.trim() === '' || el.closest('svg') !== null) continue;
    htmlPx = Math.min(htmlPx, parseFloat(getComputedStyle(el).fontSize));
  }
  for (const t of document.querySelectorAll('svg text')) {
    const svg = t.closest('svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    svgPx = Math.min(svgPx, parseFloat(getComputedStyle(t).fontSize) * scale);
  }
  const svgs = [...document.querySelectorAll('svg')];
  const drawnSvgs = svgs.filter((s) => { const r = s.getBoundingClientRect(); return r.width > 100 && r.height > 50; }).length;
  return { htmlPx, svgPx, overflow: document.documentElement.scrollWidth - window.innerWidth, svgCount: svgs.length, drawnSvgs };
})()`;

const readability = (page: Page): Promise<Readability> => page.evaluate<Readability>(READABILITY);

describe('the dashboard in headless Chromium', () => {
  it('renders every chart with its shapes, without console errors, readable at 1280 px', async () => {
    const { page, errors } = await open(1280, 900);
    const r = await readability(page);
    expect(r.svgCount).toBe(3 + dashboard.timelines.length);
    expect(r.drawnSvgs).toBe(r.svgCount);
    // Every point of every control chart is drawn, and every stretch of every timeline.
    const dots = await page.locator('svg circle').count();
    expect(dots).toBe(dashboard.report.series.reduce((a, s) => a + s.values.length, 0));
    const stretches = await page.locator('svg rect[data-kind]').count();
    expect(stretches).toBe(dashboard.timelines.reduce((a, t) => a + t.result.segments.length, 0));
    const heights = await Promise.all((await page.locator('svg rect[data-kind]').all()).map(async (e) => (await e.boundingBox())?.height ?? 0));
    expect(heights.every((h) => h > 10)).toBe(true);
    expect(r.htmlPx).toBeGreaterThanOrEqual(12);
    expect(r.svgPx).toBeGreaterThanOrEqual(11);
    expect(r.overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toContain('Service desk dashboard');
    const shot = process.env['DASHBOARD_SCREENSHOT'];
    if (shot !== undefined) await page.screenshot({ path: shot, fullPage: process.env['DASHBOARD_SCREENSHOT_FULL'] === '1' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws no control limit outside what the series can take: the lower limit is never below 0, SLA % never above 100', async () => {
    const { page, errors } = await open(1280, 900);
    for (const s of dashboard.report.series) {
      const chart = page.locator(`figure[data-metric="${s.metric}"] svg`);
      const lower = await chart.locator('g[data-role="lower-limit"]').getAttribute('data-value');
      expect(Number(lower)).toBeGreaterThanOrEqual(0);
      if (s.metric === 'sla_percent') expect(Number(await chart.locator('g[data-role="upper-limit"]').getAttribute('data-value'))).toBeLessThanOrEqual(100);
      // The computed limit of the opened counts is negative (one spike), so it is drawn clamped, labelled "(floor)".
      if (s.chart.lowerLimit! < 0) {
        expect(await chart.locator('g[data-role="lower-limit"]').getAttribute('data-clamped')).toBe('true');
        expect(await chart.innerHTML()).toContain('(floor)');
      }
      // Every rule that marks a point is named in the legend; every chart has a caption.
      const rules = [...new Set(s.chart.points.filter((p) => p.signals.length > 0).map((p) => Math.min(...p.signals)))].sort();
      const named = (await chart.locator('g[data-role="legend"][data-rule]').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-rule'))))).sort();
      expect(named).toEqual(rules);
      expect((await page.locator(`figure[data-metric="${s.metric}"] figcaption`).innerText()).length).toBeGreaterThan(40);
    }
    // The dashboard is weekly: a chart of a handful of days or of 60 near-empty days carries no information.
    expect(dashboard.report.period.interval).toBe('week');
    expect(dashboard.report.buckets.length).toBeGreaterThanOrEqual(8);
    expect(await page.locator('figure[data-metric="mttr_hours"] figcaption').innerText()).toMatch(/selection effect/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the SLA timeline of a real breached incident, captioned with why it breached', async () => {
    const breached = dashboard.timelines.find((t) => t.result.breached);
    expect(breached).toBeDefined();
    const { page, errors } = await open(1280, 900);
    const fig = page.locator(`figure[data-timeline="${breached!.label}"]`);
    expect(await fig.locator('svg rect[data-kind]').count()).toBe(breached!.result.segments.length);
    expect(await fig.locator('svg rect[data-kind="paused"]').count()).toBeGreaterThan(0);
    expect(await fig.locator('svg g[data-role="breach"]').count()).toBe(1);
    // The clock is drawn over its own cycle (to its stop), not squashed into the report's months.
    const box = await fig.locator('svg rect[data-kind]').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().width));
    expect(Math.min(...box)).toBeGreaterThan(4);
    const caption = await fig.locator('figcaption').innerText();
    expect(caption).toMatch(/counted against the 4\s?h target/);
    expect(caption).toMatch(/paused/);
    expect(caption).toMatch(/breached at 2016-/);
    // A priority change mid-clock is drawn and told: it explains a warning that fires during a pause.
    expect(await fig.locator('svg g[data-role="switch"]').count()).toBe(breached!.result.switches.length);
    if (breached!.result.switches.length > 0) expect(caption).toMatch(/switched from p\d-resolution to p\d-resolution/);
    // The key under the bar never prints one marker's text over another's.
    const boxes = await fig.locator('svg g[data-role] text').evaluateAll((ts) => ts.map((t) => { const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      expect(a[2]! <= b[0]! || b[2]! <= a[0]! || a[3]! <= b[1]! || b[3]! <= a[1]!).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints figures for people on the summary cards: a percentage, hours or days', async () => {
    const { page } = await open(1280, 900);
    const cards = await page.locator('.card').allInnerTexts();
    const sla = cards.find((c) => c.startsWith('SLA met'))!;
    expect(sla).toMatch(/^SLA met\n\d+\s%\n\d+ of \d+ cycles$/);
    expect(cards.find((c) => c.startsWith('Mean time to resolve'))).toMatch(/\d(\.\d)?\s[hd]\n/);
    await page.close();
  });

  it('stays readable on a phone: no sideways page scroll, charts at a legible size', async () => {
    const { page, errors } = await open(390, 844);
    const r = await readability(page);
    expect(r.overflow).toBeLessThanOrEqual(0);
    expect(r.htmlPx).toBeGreaterThanOrEqual(12);
    expect(r.svgPx).toBeGreaterThanOrEqual(11);
    expect(r.drawnSvgs).toBe(r.svgCount);
    expect(errors).toEqual([]);
    await page.close();
  });
});
