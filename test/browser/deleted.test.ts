// Nothing typed is lost to a concurrent delete, in real Chromium: a koordinator
// deletes a row while the kelurahan officer, offline, edits it. After the officer
// reconnects the row is listed as "diubah setelah dihapus" with the edit kept,
// and restoring it brings row and edit back for both.
import { describe, expect, it } from 'vitest';
import { DEMO, cell, chromiumAvailable, loginAs, openSheet, screenshot, sheetsByName, typeInCell, waitSaved, useAppAndBrowser } from '../helpers/browser';

const NIK = 0;
const TEMPAT = 4;

describe.skipIf(!chromiumAvailable())('deleted rows in real Chromium', () => {
  const env = useAppAndBrowser();

  it('an offline edit to a row deleted meanwhile is kept, flagged, and restored for everyone', async () => {
    const medono = (await sheetsByName(env.app(), DEMO.koordinator)).get('BPNT 2025 — Medono')!.id;
    const a = await loginAs(env.browser(), env.app(), DEMO.koordinator);
    const b = await loginAs(env.browser(), env.app(), DEMO.operator);
    await openSheet(a, medono);
    await openSheet(b, medono);
    const nik = (await cell(a, 2, NIK).textContent())!.trim();
    const withNik = (page: typeof a) => page.locator('[role="gridcell"]', { hasText: nik }).count();

    await b.context().setOffline(true);
    await b.locator('[data-testid="link-state"][data-state="offline"]').waitFor();
    await cell(a, 2, NIK).click();
    await a.keyboard.press('Control+-');
    await expect.poll(() => withNik(a)).toBe(0);
    await waitSaved(a);
    await typeInCell(b, 2, TEMPAT, 'Desa Wonopringgo');
    await b.context().setOffline(false);
    await waitSaved(b);

    const flagged = a.locator('[data-testid="deleted-row"].edited-after');
    await flagged.waitFor({ timeout: 20_000 });
    expect(await flagged.textContent()).toContain(nik);
    await screenshot(a, 'sheet-deleted-rows');
    await flagged.getByTestId('restore-row').click();

    // The restored row is back at the end of the sheet: a sees it revealed, b goes there.
    await cell(b, 0, NIK).click();
    await b.keyboard.press('Control+End');
    await b.keyboard.press('Home');
    for (const page of [a, b]) {
      await waitSaved(page);
      await expect.poll(() => withNik(page)).toBe(1);
    }
    // The officer's offline entry is on the restored row.
    await expect.poll(() => a.locator('[role="gridcell"]', { hasText: 'Desa Wonopringgo' }).count()).toBe(1);
    await a.context().close();
    await b.context().close();
  });
});
