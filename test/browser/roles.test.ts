// Roles in real Chromium: a viewer cannot change a cell (the UI refuses, and
// the relay refuses the same write sent over the wire); a NIK typed in one
// sheet is flagged as a duplicate of a row in another sheet, with the reason.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncUpdate } from '../../src/sync/wire';
import {
  DEMO,
  apiLogin,
  cell,
  chromiumAvailable,
  loginAs,
  openSheet,
  rawClient,
  screenshot,
  sheetsByName,
  typeInCell,
  waitSaved,
  useAppAndBrowser,
} from '../helpers/browser';

const NIK = 0;
const NAMA = 2;

async function until(cond: () => boolean, what: string): Promise<void> {
  await expect.poll(cond, { timeout: 20_000, message: what }).toBe(true);
}

describe.skipIf(!chromiumAvailable())('roles and cross-sheet checks in real Chromium', () => {
  const env = useAppAndBrowser();
  let sheets: Map<string, { id: string; name: string }>;

  beforeAll(async () => {
    sheets = await sheetsByName(env.app(), DEMO.koordinator);
  });

  it('a viewer cannot change a cell: the UI refuses, and so does the relay', async () => {
    const medono = sheets.get('BPNT 2025 — Medono')!.id;
    const page = await loginAs(env.browser(), env.app(), DEMO.viewer);
    await openSheet(page, medono);
    await page.getByTestId('read-only').waitFor();
    const before = await cell(page, 0, NAMA).textContent();
    await cell(page, 0, NAMA).click();
    await page.keyboard.type('Diubah pemantau');
    await page.keyboard.press('Enter');
    await page.getByText('Anda hanya dapat melihat lembar ini').first().waitFor();
    expect(await cell(page, 0, NAMA).textContent()).toBe(before);
    await screenshot(page, 'sheet-viewer-read-only');
    await page.context().close();

    // The same write over the wire with the viewer's token: acknowledged as settled, never applied.
    const viewer = rawClient(env.app(), medono, await apiLogin(env.app(), DEMO.viewer));
    await viewer.opened;
    const forged = new Y.Doc();
    forged.getMap('meta').set('name', 'DIUBAH PEMANTAU');
    viewer.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(forged)));
    await until(() => viewer.acks.some((a) => a.seq >= 1), 'relay settles the viewer frame');
    expect(viewer.acks.at(-1)?.access).toBe('read');
    viewer.ws.close();

    const reader = rawClient(env.app(), medono, await apiLogin(env.app(), DEMO.koordinator));
    await reader.opened;
    reader.ws.send(encodeSyncStep1(Y.encodeStateVector(reader.doc)));
    await until(() => reader.step2s() > 0, 'koordinator receives the stored sheet');
    expect(reader.doc.getMap('meta').get('name')).toBe('BPNT 2025 — Medono');
    reader.ws.close();
  });

  it('a NIK typed in one sheet is flagged as a duplicate of a row in another sheet, with the reason', async () => {
    const page = await loginAs(env.browser(), env.app(), DEMO.koordinator);
    await openSheet(page, sheets.get('BPNT 2025 — Medono')!.id);
    const nik = (await cell(page, 0, NIK).textContent())!.trim();
    const nama = (await cell(page, 0, NAMA).textContent())!.trim();
    expect(nik).toMatch(/^\d{16}$/);

    await openSheet(page, sheets.get('BPNT 2025 — Podosugih')!.id);
    const rows = await page.locator('[role="row"][data-row]').count();
    // The grid's last line is the empty "new row" line: typing there appends a row.
    const fresh = rows - 1;
    await typeInCell(page, fresh, NIK, nik);
    await typeInCell(page, fresh, NAMA, nama);
    await waitSaved(page);
    await cell(page, fresh, NIK).click();
    const panel = page.getByTestId('row-panel');
    const other = panel.getByTestId('dup-other').filter({ hasText: 'BPNT 2025 — Medono' });
    await other.waitFor();
    expect(await panel.getByTestId('dup-group').first().textContent()).toMatch(/NIK/);
    await screenshot(page, 'sheet-cross-duplicate');
  });
});
