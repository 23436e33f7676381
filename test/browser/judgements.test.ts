// Officers answer findings in real Chromium: an eligibility finding is
// overridden with a required reason, a possible duplicate is marked "bukan
// duplikat" — and a second officer on another device sees both, because the
// judgements live in the shared sheet and feed the check engine.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, cell, chromiumAvailable, loginAs, openSheet, screenshot, sheetsByName, waitSaved, useAppAndBrowser } from '../helpers/browser';

const NIK = 0;

/**
 * Types a row from the NIK column, Tab to the next columns (Excel-like), Enter
 * to finish (down one row); Home brings the NIK column back into view.
 */
async function typeRow(page: Page, row: number, values: string[]): Promise<void> {
  if (await cell(page, row, NIK).count()) await cell(page, row, NIK).click();
  else await page.keyboard.press('Home');
  for (const [i, v] of values.entries()) {
    if (i > 0) await page.keyboard.press('Tab');
    if (v) await page.keyboard.type(v);
  }
  await page.keyboard.press('Enter');
}

describe.skipIf(!chromiumAvailable())('judgements on findings in real Chromium', () => {
  const env = useAppAndBrowser();

  it('an override needs a reason; "bukan duplikat" dismisses the pair; another officer sees both', async () => {
    const kauman = (await sheetsByName(env.app(), DEMO.koordinator)).get('PKH 2025 — Kauman')!.id;
    const page = await loginAs(env.browser(), env.app(), DEMO.koordinator);
    await openSheet(page, kauman);
    const fresh = (await page.locator('[role="row"][data-row]').count()) - 1;
    const nik = '3375021203700005';
    // nik, no_kk, nama, L/P, tempat, tgl, alamat, rt, rw, desa, kec, pekerjaan
    await typeRow(page, fresh, [nik, '', 'Sutrisno Wibowo', 'L', '', '12-03-1970', '', '', '', '', '', 'PNS']);
    await typeRow(page, fresh + 1, [nik, '', 'Sutrisno Wibowo']);
    await page.keyboard.press('Home');
    await waitSaved(page);

    await cell(page, fresh, NIK).click();
    const panel = page.getByTestId('row-panel');
    await panel.getByTestId('dup-group').first().waitFor();
    const pns = panel.locator('[data-testid="finding"][data-code="occupation-excluded"]');
    await pns.waitFor();

    await pns.getByTestId('override').click();
    await panel.getByTestId('override-save').click();
    await panel.getByRole('alert').filter({ hasText: 'Alasan wajib diisi' }).waitFor();
    await panel.getByTestId('override-reason').fill('Honorer daerah, bukan PNS (cek SK 2024)');
    await panel.getByTestId('override-save').click();
    await panel.locator('[data-testid="finding"][data-code="rule-overridden"]').waitFor();
    expect(await pns.count()).toBe(0);

    await panel.getByTestId('not-duplicate').first().click();
    await panel.getByTestId('dismissed').waitFor();
    await expect.poll(() => panel.getByTestId('dup-group').count(), { timeout: 20_000 }).toBe(0);
    await waitSaved(page);
    await screenshot(page, 'sheet-judgements');

    // The kelurahan's officer, on another device, gets the same verdicts.
    const other = await loginAs(env.browser(), env.app(), DEMO.operator2);
    await openSheet(other, kauman);
    await cell(other, fresh, NIK).click();
    const otherPanel = other.getByTestId('row-panel');
    await otherPanel.locator('[data-testid="finding"][data-code="rule-overridden"]').waitFor();
    expect(await otherPanel.getByTestId('dismissed').textContent()).toContain('Sutrisno Wibowo');
    expect(await otherPanel.getByTestId('dup-group').count()).toBe(0);

    // Undo on the second device brings the pair back on the first.
    await otherPanel.getByTestId('not-duplicate-undo').click();
    await panel.getByTestId('dup-group').first().waitFor({ timeout: 20_000 });
    await other.context().close();
    await page.context().close();
  });

  it("the office's UMK, set once by the koordinator, decides the income finding on every device", async () => {
    const page = await loginAs(env.browser(), env.app(), DEMO.koordinator);
    await page.getByTestId('open-rules').click();
    const dialog = page.getByTestId('rules-dialog');
    await dialog.getByTestId('rules-umk').fill('satu juta');
    await dialog.getByTestId('rules-save').click();
    await dialog.getByRole('alert').filter({ hasText: 'umk.amount' }).waitFor();
    await dialog.getByTestId('rules-umk').fill('Rp1.000.000');
    await dialog.getByTestId('rules-umk-label').fill('UMK Uji 2026');
    await dialog.getByTestId('rules-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();

    // An operator's device: a row earning Rp1.500.000 is above this office's UMK (not the default Rp2.545.138).
    const medono = (await sheetsByName(env.app(), DEMO.operator)).get('BPNT 2025 — Medono')!.id;
    const officer = await loginAs(env.browser(), env.app(), DEMO.operator);
    await openSheet(officer, medono);
    const fresh = (await officer.locator('[role="row"][data-row]').count()) - 1;
    // nik, no_kk, nama, L/P, tempat, tgl, alamat, rt, rw, desa, kec, pekerjaan, penghasilan
    await typeRow(officer, fresh, ['3375015505800007', '', 'Wartini', 'P', '', '15-05-1980', '', '', '', '', '', 'Buruh', '1500000']);
    await officer.keyboard.press('Home');
    await cell(officer, fresh, NIK).click();
    const finding = officer.getByTestId('row-panel').locator('[data-testid="finding"][data-code="income-above-umr"]');
    await finding.waitFor();
    expect(await finding.textContent()).toContain('UMK Uji 2026');
    await officer.context().close();
  });
});
