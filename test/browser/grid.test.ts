// The grid in real Chromium: a 10k-row sheet mounted alone (the harness page in
// src/app/grid/dev, served by Vite), driven with the keyboard and the
// clipboard, asserting the Y.Doc. Screenshots go to test-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import solid from 'vite-plugin-solid';
import { chromium, type Browser, type Page } from 'playwright-core';
import type * as Y from 'yjs';
import type * as Sheet from '../../src/sheet';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');

/** What the harness page puts on window.__grid. */
interface Harness {
  doc: Y.Doc;
  remote: Y.Doc;
  Y: typeof Y;
  sheet: typeof Sheet;
  firstPaint: number;
  rowIds: () => string[];
  cell: (row: string, col: string) => Sheet.CellState;
}
type Win = Window & { __grid: Harness };

let server: ViteDevServer;
let browser: Browser;
let baseUrl = '';

async function openGrid(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}?${query}`);
  await page.waitForFunction(() => (window as unknown as Partial<Win>).__grid !== undefined, null, { timeout: 90_000 }).catch((e: Error) => {
    throw new Error(`${e.message}\npage errors: ${errors.join('\n')}`);
  });
  return page;
}

const value = (page: Page, index: number, col: string) =>
  page.evaluate(([i, c]) => {
    const g = (window as unknown as Win).__grid;
    return g.cell(g.rowIds()[i], c).value;
  }, [index, col] as const);

const rowCount = (page: Page) => page.evaluate(() => (window as unknown as Win).__grid.rowIds().length);

const activeCell = (page: Page) =>
  page.evaluate(() => {
    const grid = document.querySelector('[role=grid]')!;
    const id = grid.getAttribute('aria-activedescendant');
    const cell = id ? document.getElementById(id) : null;
    return { row: cell?.closest('[role=row]')?.getAttribute('aria-rowindex'), col: cell?.getAttribute('aria-colindex'), text: cell?.textContent ?? null };
  });

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.querySelector('[role=grid]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

async function copy(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dt = new DataTransfer();
    document.querySelector('[role=grid]')!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData('text/plain');
  });
}

describe.skipIf(!existsSync(CHROMIUM))('grid in Chromium', () => {
  beforeAll(async () => {
    server = await createServer({
      configFile: false,
      root: join(ROOT, 'src/app/grid/dev'),
      cacheDir: join(tmpdir(), 'selaras-grid-vite'),
      plugins: [solid()],
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    baseUrl = server.resolvedUrls!.local[0];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('types, navigates, pastes and undoes on a 10k-row sheet', async () => {
    const page = await openGrid('rows=10000');
    expect(await rowCount(page)).toBe(10_000);
    // Virtualized: a few hundred cells in the DOM, not 200k.
    expect(await page.locator('[role=gridcell]').count()).toBeLessThan(1500);

    await page.locator('[role=grid]').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // C: Nama
    await page.keyboard.type('Siti Baru');
    await page.keyboard.press('Enter');
    expect(await value(page, 0, 'nama')).toBe('Siti Baru');
    expect(await activeCell(page)).toMatchObject({ row: '3', col: '4' }); // moved down to row 2

    // F2 edits the existing text; Esc cancels.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('F2');
    await page.keyboard.type(' X');
    await page.keyboard.press('Escape');
    expect(await value(page, 0, 'nama')).toBe('Siti Baru');

    // Ctrl+End goes to the last row, scrolled into view; Ctrl+Home back.
    await page.keyboard.press('Control+End');
    expect(await activeCell(page)).toMatchObject({ row: String(10_000 + 1), col: '21' });
    await page.keyboard.press('Control+Home');
    expect(await activeCell(page)).toMatchObject({ row: '2', col: '2' });

    // Tab / Shift+Tab, Ctrl+Down jumps over the filled column to its last row.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await activeCell(page)).toMatchObject({ col: '3' });
    await page.keyboard.press('Control+ArrowDown');
    expect(await activeCell(page)).toMatchObject({ row: String(10_000 + 1) });

    // Paste a block from Excel (quoted newline, NIK as text) at row 2, column A.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    const original = { nik: await value(page, 1, 'nik'), nama: await value(page, 1, 'nama') };
    await paste(page, '3375015301891057\t3375011234567890\t"Nur\r\nHidayah"\r\n0012345678901234\t\tBudi\r\n');
    expect(await value(page, 1, 'nik')).toBe('3375015301891057');
    expect(await value(page, 1, 'nama')).toBe('Nur\nHidayah');
    expect(await value(page, 2, 'nik')).toBe('0012345678901234');
    expect(await value(page, 2, 'no_kk')).toBe('');
    expect(await page.locator('[role=status]').textContent()).toContain('6 sel ditempel');

    // Copy the pasted block back out as TSV.
    expect(await copy(page)).toBe('3375015301891057\t3375011234567890\t"Nur\nHidayah"\r\n0012345678901234\t\tBudi\r\n');

    // Someone else edits meanwhile; undo takes back only our own two actions.
    await page.evaluate(() => {
      const g = (window as unknown as Win).__grid;
      g.sheet.setCell(g.remote, g.rowIds()[5], 'alamat', 'Gang Remote 1');
    });
    await page.keyboard.press('Control+z');
    expect(await value(page, 1, 'nik')).toBe(original.nik);
    expect(await value(page, 1, 'nama')).toBe(original.nama);
    await page.keyboard.press('Control+z');
    expect(await value(page, 0, 'nama')).toMatch(/ 1$/); // the generated name is back
    expect(await value(page, 5, 'alamat')).toBe('Gang Remote 1');
    await page.keyboard.press('Control+y');
    expect(await value(page, 0, 'nama')).toBe('Siti Baru');

    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'grid-10k.png') });
    await page.close();
  }, 150_000);

  it('grows the sheet when a paste runs past the last row, and deletes rows with Ctrl+-', async () => {
    const page = await openGrid('rows=3');
    await page.locator('[role=grid]').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await paste(page, 'a1\nb1\nc1\nd1\n');
    expect(await rowCount(page)).toBe(6);
    expect(await value(page, 5, 'nik')).toBe('d1');

    // Typing on the empty last line adds a row.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.type('3375015301891099');
    await page.keyboard.press('Enter');
    expect(await rowCount(page)).toBe(7);
    expect(await value(page, 6, 'nik')).toBe('3375015301891099');

    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+-');
    expect(await rowCount(page)).toBe(5);
    await page.keyboard.press('Control+z');
    expect(await rowCount(page)).toBe(7);
    await page.close();
  });

  it('a remote edit of one cell touches only that cell in the DOM', async () => {
    const page = await openGrid('rows=2000');
    const mutated = await page.evaluate(async () => {
      const g = (window as unknown as Win).__grid;
      const targets = new Set<string>();
      const mo = new MutationObserver((records) => {
        for (const r of records) {
          const el = (r.target.nodeType === 1 ? r.target : r.target.parentElement) as HTMLElement | null;
          const cell = el?.closest('[role=gridcell],[role=rowheader],[role=row]');
          targets.add(cell ? `${cell.closest('[role=row]')?.getAttribute('aria-rowindex')}/${cell.getAttribute('aria-colindex') ?? cell.getAttribute('role')}` : el?.className ?? '?');
        }
      });
      mo.observe(document.querySelector('.sg-canvas')!, { subtree: true, childList: true, characterData: true, attributes: true });
      g.sheet.setCell(g.remote, g.rowIds()[4], 'nama', 'Diubah dari jauh');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      mo.disconnect();
      return [...targets];
    });
    expect(mutated).toEqual(['6/4']); // row 5 (aria-rowindex 6), column C (aria-colindex 4)

    // Moving the active cell touches the two rows involved, not every visible cell.
    await page.locator('[role=grid]').focus();
    await page.keyboard.press('Control+Home');
    const moved = await page.evaluate(async () => {
      const targets = new Set<string>();
      const mo = new MutationObserver((records) => {
        for (const r of records) {
          const el = (r.target.nodeType === 1 ? r.target : r.target.parentElement) as HTMLElement | null;
          const row = el?.closest('[role=row]')?.getAttribute('aria-rowindex');
          if (row) targets.add(row);
        }
      });
      mo.observe(document.querySelector('.sg-canvas')!, { subtree: true, childList: true, characterData: true, attributes: true });
      document.querySelector('[role=grid]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      mo.disconnect();
      return [...targets].sort();
    });
    expect(moved).toEqual(['2', '3']);
    await page.close();
  });

  it('sorts and searches as a personal view that never reorders the shared sheet', async () => {
    const page = await openGrid('rows=200');
    const docOrder = await page.evaluate(() => (window as unknown as Win).__grid.rowIds());
    const shownNames = () => page.locator('[role=row] [role=gridcell][aria-colindex="4"]').allTextContents();
    // Sort by Penghasilan (Rupiah, by amount), descending: two clicks on its sort button.
    const header = page.locator('[role=columnheader]', { hasText: 'Penghasilan' });
    await page.locator('[role=grid]').focus();
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight'); // bring column M into view
    await header.hover();
    await header.locator('button').click();
    await header.locator('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const amounts = await page.locator('[role=row] [role=gridcell][aria-colindex="14"]').allTextContents();
    const values = amounts.filter(Boolean).map((a) => Number(a.replace(/\D/g, '')));
    expect(values.length).toBeGreaterThan(5);
    expect(values).toEqual(values.slice().sort((x, y) => y - x));
    expect(amounts[0]).toMatch(/^Rp\d{1,3}(\.\d{3})+$/);
    expect(await page.evaluate(() => (window as unknown as Win).__grid.rowIds())).toEqual(docOrder);
    expect(await page.locator('[role=status]').textContent()).toContain('Tampilan pribadi');

    // Search filters the displayed rows; the doc is untouched.
    await page.getByTestId('search').fill('Hidayah 1');
    await expect.poll(async () => (await shownNames()).filter(Boolean).every((n) => n.includes('Hidayah 1'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as Win).__grid.rowIds())).toEqual(docOrder);
    await page.getByTestId('search').fill('');

    // A column filter from the keyboard: Shift+F10 opens the menu, the filter box takes the text.
    await page.locator('[role=grid]').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menuitem', { name: 'Saring kolom Nama…' }).click();
    await page.keyboard.type('siti aminah');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await shownNames()).filter(Boolean).length).toBeGreaterThan(0);
    expect((await shownNames()).filter(Boolean).every((n) => n.startsWith('Siti Aminah'))).toBe(true);
    expect(await page.locator('[role=columnheader] .sg-filtered').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'grid-view.png') });
    await page.close();
  });

  it('selects ranges with the mouse, and an edit survives a remote insert above it', async () => {
    const page = await openGrid('rows=50');
    const cellAt = (row: number, col: number) => page.locator(`[role=row][aria-rowindex="${row + 2}"] [role=gridcell][aria-colindex="${col + 2}"]`);
    await cellAt(1, 2).click();
    await cellAt(3, 3).click({ modifiers: ['Shift'] });
    expect((await copy(page)).split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(await page.locator('[role=gridcell][aria-selected=true]').count()).toBe(6);
    // Drag from (5, 0) to (6, 1).
    const from = await cellAt(5, 0).boundingBox();
    const to = await cellAt(6, 1).boundingBox();
    await page.mouse.move(from!.x + 5, from!.y + 5);
    await page.mouse.down();
    await page.mouse.move(to!.x + 5, to!.y + 5, { steps: 4 });
    await page.mouse.up();
    expect(await page.locator('[role=gridcell][aria-selected=true]').count()).toBe(4);

    // Start typing in row 4, someone inserts a row at the top, then Enter: the value goes to the same row.
    await cellAt(4, 2).click();
    const target = await page.evaluate(() => (window as unknown as Win).__grid.rowIds()[4]);
    await page.keyboard.type('Nama Baru');
    await page.evaluate(() => {
      const g = (window as unknown as Win).__grid;
      g.sheet.insertRows(g.remote, 0, [{ nama: 'Baris dari orang lain' }]);
    });
    await page.keyboard.press('Enter');
    const after = await page.evaluate((id) => {
      const g = (window as unknown as Win).__grid;
      return { value: g.cell(id, 'nama').value, index: g.rowIds().indexOf(id) };
    }, target);
    expect(after).toEqual({ value: 'Nama Baru', index: 5 });
    expect(await activeCell(page)).toMatchObject({ row: String(6 + 2) }); // moved down from the edited row
    await page.close();
  });

  it('shows both values of a same-cell conflict, and refuses edits when read-only', async () => {
    const page = await openGrid('rows=20');
    await page.evaluate(() => {
      const g = (window as unknown as Win).__grid;
      // An offline replica edits the same cell concurrently, then syncs.
      const offline = new g.Y.Doc();
      g.Y.applyUpdate(offline, g.Y.encodeStateAsUpdate(g.doc));
      g.sheet.setWriter(offline, { user: 'siti', name: 'Siti (lapangan)' });
      const id = g.rowIds()[0];
      g.sheet.setCell(offline, id, 'nama', 'Nilai Lapangan');
      g.sheet.setCell(g.doc, id, 'nama', 'Nilai Kantor');
      g.Y.applyUpdate(g.doc, g.Y.encodeStateAsUpdate(offline), 'remote');
    });
    expect(await page.locator('.sg-conflict').count()).toBe(1);
    await page.locator('[role=grid]').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const pop = page.locator('.sg-conflict-pop');
    await expect.poll(() => pop.count()).toBe(1);
    const text = (await pop.textContent()) ?? '';
    expect(text).toContain('Nilai Lapangan');
    expect(text).toContain('Nilai Kantor');
    expect(text).toContain('Siti (lapangan)');
    await page.screenshot({ path: join(ARTIFACTS, 'grid-conflict.png') });
    await page.close();

    const ro = await openGrid('rows=20&ro=1');
    await ro.locator('[role=grid]').focus();
    const before = await value(ro, 0, 'nik');
    await ro.keyboard.press('Control+Home');
    await ro.keyboard.type('9');
    await ro.keyboard.press('Delete');
    await paste(ro, 'x\ty\n');
    expect(await value(ro, 0, 'nik')).toBe(before);
    expect(await ro.locator('[role=status]').textContent()).toContain('hanya dapat melihat');
    await ro.close();
  });
});
