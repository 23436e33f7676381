// Render and scroll cost of the grid on a 10k-row sheet in real Chromium.
// Prints numbers (no timing assertions: the machine is shared and noisy); it
// asserts only that the work happened (rows rendered, cell painted).
// It builds the harness for production first, so it runs on request only:
//   GRID_PERF=1 npx vitest run test/browser/grid-perf.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import solid from 'vite-plugin-solid';
import { chromium, type Browser } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: PreviewServer;
let browser: Browser;

const pct = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (n: number) => n.toFixed(2);

describe.skipIf(!existsSync(CHROMIUM) || !process.env.GRID_PERF)('grid render cost (prints numbers)', () => {
  beforeAll(async () => {
    // A production build of the harness page, as users get it (Solid's dev checks off).
    const root = join(ROOT, 'src/app/grid/dev');
    const outDir = join(tmpdir(), `selaras-grid-perf-${process.pid}`);
    const common = { configFile: false as const, root, plugins: [solid()], logLevel: 'error' as const, build: { outDir, emptyOutDir: true, target: 'es2022' } };
    await build({ ...common, cacheDir: join(tmpdir(), 'selaras-grid-vite') });
    server = await preview({ ...common, preview: { host: '127.0.0.1', port: 0 } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(join(tmpdir(), `selaras-grid-perf-${process.pid}`), { recursive: true, force: true });
  });

  it('measures mount, scroll and edit-to-paint on 10k rows', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.resolvedUrls!.local[0]}?rows=10000`);
    await page.waitForFunction(() => (window as unknown as { __grid?: unknown }).__grid !== undefined, null, { timeout: 90_000 });
    const mount = await page.evaluate(() => (window as unknown as { __grid: { mountToPaint: number; built: number } }).__grid);

    // Scroll: per step, the synchronous cost of a scroll (our scroll handler,
    // Solid's update of the rendered window, style and layout), and the
    // time between animation frames while scrolling continuously.
    const scroll = await page.evaluate(async () => {
      const el = document.querySelector('.sg-scroller') as HTMLElement;
      const work: number[] = [];
      const frames: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 240; i++) {
        await new Promise<void>((resolve) =>
          requestAnimationFrame(() => {
            const now = performance.now();
            frames.push(now - last);
            last = now;
            const t = performance.now();
            // Alternate slow (3 rows) and fast (a page and a half) steps, going down then up.
            const step = i % 4 === 0 ? 1200 : 90;
            el.scrollTop += i < 120 ? step : -step;
            if (i % 8 === 0) el.scrollLeft = (i % 16) * 60;
            el.dispatchEvent(new Event('scroll'));
            void document.body.offsetHeight; // force style + layout now, inside the measurement
            work.push(performance.now() - t);
            resolve();
          }),
        );
      }
      return { work, frames: frames.slice(1), rendered: document.querySelectorAll('.sg-row').length };
    });
    expect(scroll.rendered).toBeGreaterThan(10);

    // Wheel scrolling as a user does it (the browser scrolls, the grid follows on
    // 'scroll'): frame intervals with the frame-rate cap off, so an interval is
    // the frame's work rather than the wait for vsync.
    await page.mouse.move(640, 400);
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__frames = [];
      w.__stop = false;
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        w.__frames.push(now - last);
        last = now;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    for (let i = 0; i < 150; i++) await page.mouse.wheel(i % 30 === 29 ? 200 : 0, 240);
    const wheel = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return { frames: w.__frames.slice(2), top: (document.querySelector('.sg-scroller') as HTMLElement).scrollTop };
    });
    expect(wheel.top).toBeGreaterThan(0);

    // Edit to paint: commit a typed value with Enter, wait for the next frame, check the cell shows it.
    const edits = await page.evaluate(async () => {
      const el = document.querySelector('.sg-scroller') as HTMLElement;
      el.scrollTop = 0;
      el.scrollLeft = 0;
      el.dispatchEvent(new Event('scroll'));
      el.focus();
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', ctrlKey: true, bubbles: true }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
        const ta = document.querySelector('.sg-editor') as HTMLTextAreaElement;
        ta.value = `edit ${i}`;
        const t = performance.now();
        ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        await new Promise((r) => requestAnimationFrame(r));
        const shown = document.querySelector('[role=row][aria-rowindex="2"] [aria-colindex="2"]')?.textContent;
        out.push(shown === `edit ${i}` ? performance.now() - t : NaN);
      }
      return out;
    });
    expect(edits.every((x) => Number.isFinite(x))).toBe(true);

    console.log(
      [
        `grid 10k rows: data generated in ${fmt(mount.built)} ms, mount → first frame ${fmt(mount.mountToPaint)} ms (production build)`,
        `scroll step (handler + render window + style/layout): p50 ${fmt(pct(scroll.work, 50))} ms, p95 ${fmt(pct(scroll.work, 95))} ms, max ${fmt(Math.max(...scroll.work))} ms over ${scroll.work.length} steps`,
        `frame interval during scripted scroll steps: p50 ${fmt(pct(scroll.frames, 50))} ms, p95 ${fmt(pct(scroll.frames, 95))} ms`,
        `frame interval during mouse-wheel scrolling (uncapped): p50 ${fmt(pct(wheel.frames, 50))} ms, p95 ${fmt(pct(wheel.frames, 95))} ms over ${wheel.frames.length} frames`,
        `Enter commit → next frame with the cell painted: p50 ${fmt(pct(edits, 50))} ms, p95 ${fmt(pct(edits, 95))} ms`,
      ].join('\n'),
    );
    await page.close();
  }, 240_000);
});
