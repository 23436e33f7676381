// The import dialog in real Chromium against the built app and the real server:
// the file is parsed and checked in the files worker (a real Web Worker), the
// rows come to the page part by part and reach the server, every one of them.
import { describe, expect, it } from 'vitest';
import { DEMO, chromiumAvailable, loginPage, newContext, openSheet, serverRows, sheetsByName, useAppAndBrowser } from '../helpers/browser';
import { sampleRows } from './helpers';

describe.skipIf(!chromiumAvailable())('import dialog in real Chromium', () => {
  const env = useAppAndBrowser();

  it('a 3,000-row CSV goes into the sheet in several parts, every row on the server', async () => {
    const sheetId = (await sheetsByName(env.app(), DEMO.operator)).get('BPNT 2025 — Medono')!.id;
    const before = (await serverRows(env.app(), sheetId, DEMO.operator)).length;
    const rows = sampleRows(3000, 77);
    const csv = ['NIK;No KK;Nama;Alamat', ...rows.map((r, i) => [r.nik, r.no_kk, `${r.nama} ${i}`, r.alamat].join(';'))].join('\r\n');

    const page = await (await newContext(env.browser())).newPage();
    await loginPage(page, env.app(), DEMO.operator);
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

    const after = await serverRows(env.app(), sheetId, DEMO.operator);
    expect(after.length).toBe(before + 3000);
    const names = new Set(after.map((r) => r.nama));
    expect(rows.every((r, i) => names.has(`${r.nama} ${i}`))).toBe(true);
    await page.context().close();
  });
});
