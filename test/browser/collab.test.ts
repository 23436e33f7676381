// Real Chromium against the built PWA served by the real server (--demo):
// co-editing, presence, offline edits and conflicts, reload offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO,
  cell,
  chromiumAvailable,
  launchChromium,
  loginAs,
  loginPage,
  newContext,
  openSheet,
  screenshot,
  sheetsByName,
  startApp,
  typeInCell,
  waitSaved,
  type RunningApp,
} from '../helpers/browser';

const NAMA = 2; // column index of "Nama" in the demo sheets
const TEMPAT = 4; // "Tempat lahir": visible without scrolling on a tablet
const MEDONO = 'BPNT 2025 — Medono';

describe.skipIf(!chromiumAvailable())('collaboration in real Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let sheetId: string;
  let a: Page; // koordinator
  let b: Page; // operator of Medono

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    sheetId = (await sheetsByName(app, DEMO.koordinator)).get(MEDONO)!.id;
    const ctx = await newContext(browser);
    a = await ctx.newPage();
    await a.goto(app.url + '/');
    await a.getByTestId('login-username').waitFor();
    await screenshot(a, 'login');
    await loginPage(a, app, DEMO.koordinator);
    await screenshot(a, 'home-koordinator');
    // The English switch, and back.
    await a.getByTestId('lang-switch').click();
    await a.getByRole('heading', { name: /Workspace/ }).waitFor();
    await screenshot(a, 'home-english');
    await a.getByTestId('lang-switch').click();
    await a.getByRole('heading', { name: /Ruang kerja/ }).waitFor();
    b = await loginAs(browser, app, DEMO.operator);
    await openSheet(a, sheetId);
    await openSheet(b, sheetId);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('two people co-edit one sheet, converge, and see each other', async () => {
    await typeInCell(a, 0, TEMPAT, 'Kota Pekalongan');
    await typeInCell(b, 1, TEMPAT, 'Kab. Batang');
    for (const page of [a, b]) {
      await expect.poll(() => cell(page, 0, TEMPAT).textContent()).toBe('Kota Pekalongan');
      await expect.poll(() => cell(page, 1, TEMPAT).textContent()).toBe('Kab. Batang');
      await waitSaved(page);
    }
    // Presence: each sees the other's name in the sheet.
    await a.getByTestId('presence').getByText('Dewi Operator Medono').waitFor();
    await b.getByTestId('presence').getByText('Rina Koordinator (Dinsos)').waitFor();
    await screenshot(a, 'sheet-coedit');
    await a.getByTestId('open-export').click();
    await screenshot(a, 'sheet-export-dialog');
    await a.keyboard.press('Escape');
  });

  it('edits made offline merge on reconnect; a same-cell edit becomes a visible conflict', async () => {
    const before = (await cell(a, 3, NAMA).textContent()) ?? '';
    await b.context().setOffline(true);
    await b.locator('[data-testid="link-state"][data-state="offline"]').waitFor();
    await typeInCell(b, 2, TEMPAT, 'Kab. Pemalang'); // different cell
    await typeInCell(b, 3, NAMA, `${before} (ejaan KK)`); // same cell as a
    await typeInCell(a, 4, TEMPAT, 'Kota Tegal'); // different cell
    await typeInCell(a, 3, NAMA, `${before} Binti Ahmad`); // same cell as b
    // b knows it has changes that are not on the server yet.
    await expect.poll(async () => Number(await b.getByTestId('durability').getAttribute('data-pending'))).toBeGreaterThan(0);
    await screenshot(b, 'sheet-offline');
    await b.context().setOffline(false);
    for (const page of [a, b]) {
      await waitSaved(page);
      await expect.poll(() => cell(page, 2, TEMPAT).textContent()).toBe('Kab. Pemalang');
      await expect.poll(() => cell(page, 4, TEMPAT).textContent()).toBe('Kota Tegal');
      // The conflict keeps both values, nothing lost.
      const conflict = page.locator(`[data-testid="conflict"][data-col="nama"]`);
      await conflict.waitFor();
      await expect.poll(() => conflict.getByTestId('conflict-value').allTextContents()).toHaveLength(2);
      const values = (await conflict.getByTestId('conflict-value').allTextContents()).join(' | ');
      expect(values).toContain(`${before} (ejaan KK)`);
      expect(values).toContain(`${before} Binti Ahmad`);
    }
    await screenshot(a, 'sheet-conflict');
    // The coordinator chooses one, with a reason; the conflict closes everywhere.
    const conflict = a.locator(`[data-testid="conflict"][data-col="nama"]`);
    await conflict.getByTestId('conflict-reason').fill('sesuai KTP');
    await conflict.getByTestId('conflict-value').filter({ hasText: 'Binti Ahmad' }).getByTestId('conflict-choose').click();
    for (const page of [a, b]) {
      await page.locator(`[data-testid="conflict"][data-col="nama"]`).waitFor({ state: 'detached' });
      await expect.poll(() => cell(page, 3, NAMA).textContent()).toBe(`${before} Binti Ahmad`);
    }
  });

  it('a reload with no network opens the sheet from the device and keeps editing', async () => {
    // The service worker must control the page before the network goes away.
    await b.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await b.context().setOffline(true);
    await b.reload();
    await b.getByTestId('sheet-page').waitFor();
    await b.locator('[data-testid="online-badge"].offline').waitFor();
    await expect.poll(() => cell(b, 1, TEMPAT).textContent()).toBe('Kab. Batang');
    await typeInCell(b, 5, TEMPAT, 'Kab. Kendal');
    await expect.poll(async () => Number(await b.getByTestId('durability').getAttribute('data-pending'))).toBeGreaterThan(0);
    await screenshot(b, 'sheet-reloaded-offline');
    await b.context().setOffline(false);
    await waitSaved(b);
    await expect.poll(() => cell(a, 5, TEMPAT).textContent()).toBe('Kab. Kendal');
  });
});
