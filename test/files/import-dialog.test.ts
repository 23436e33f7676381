// The import dialog in real Chromium against the built app and the real server:
// the file is parsed and checked in the files worker (a real Web Worker), the
// rows come to the page part by part and reach the server, every one of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO, chromiumAvailable, launchChromium, loginPage, newContext, openSheet, serverRows, sheetsByName, startApp, type RunningApp } from '../helpers/browser';
import { sampleRows } from './helpers';

describe.skipIf(!chromiumAvailable())('import dialog in real Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a 3,000-row CSV goes into the sheet in several parts, every row on the server', async () => {
    const sheetId = (await sheetsByName(app, DEMO.operator)).get('BPNT 2025 — Medono')!.id;
    const before = (await serverRows(app, sheetId, DEMO.operator)).length;
    const rows = sampleRows(3000, 77);
    const csv = ['NIK;No KK;Nama;Alamat', ...rows.map((r, i) => [r.nik, r.no_kk, `${r.nama} ${i}`, r.alamat].join(';'))].join('\r\n');

    const page = await (await newContext(browser)).newPage();
    await loginPage(page, app, DEMO.operator);
    await openSheet(page, sheetId);
    await page.getByTestId('open-import').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles({ name: 'usulan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await dialog.getByTestId('import-next').click();
    await dialog.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('total-rows').textContent()).toBe('3.000');
    await dialog.getByTestId('import-commit').click();
    await dialog.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('import-done').textContent()).toContain('3.000 baris ditambahkan');
    await page.locator('[data-testid="durability"][data-pending="0"]').waitFor({ timeout: 60_000 });

    const after = await serverRows(app, sheetId, DEMO.operator);
    expect(after.length).toBe(before + 3000);
    const names = new Set(after.map((r) => r.nama));
    expect(rows.every((r, i) => names.has(`${r.nama} ${i}`))).toBe(true);
    await page.context().close();
  });
});
