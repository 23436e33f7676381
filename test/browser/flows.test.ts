// Real Chromium against the built PWA served by the real server (--demo): the
// session and home-screen flows around the grid. A session that expires while
// offline never costs an edit; logging out warns about changes not yet on the
// server and keeps them when the user cancels; a sheet is created from a
// template, renamed and archived; the home shows rows, problems and pending.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DEMO,
  cell,
  chromiumAvailable,
  loginPage,
  newContext,
  openSheet,
  screenshot,
  serverRows,
  sheetsByName,
  typeInCell,
  waitSaved,
  type DemoUser,
  useAppAndBrowser,
} from '../helpers/browser';

const NAMA = 2; // column index of "Nama" in the demo sheets
const PODOSUGIH = '33.75.01.1003';

describe.skipIf(!chromiumAvailable())('session and home flows in real Chromium', () => {
  const env = useAppAndBrowser();
  let sheets: Map<string, { id: string }>;

  beforeAll(async () => {
    sheets = await sheetsByName(env.app(), DEMO.koordinator);
  });

  const loggedIn = async (user: DemoUser): Promise<Page> => {
    const page = await (await newContext(env.browser())).newPage();
    await loginPage(page, env.app(), user);
    return page;
  };
  const pendingOf = async (page: Page) => Number(await page.getByTestId('durability').getAttribute('data-pending'));
  const goOffline = async (page: Page) => {
    // The service worker must control the page before the network goes away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.context().setOffline(true);
    await page.locator('[data-testid="link-state"][data-state="offline"]').waitFor();
  };

  it('a session that expired while offline costs no edit: after a new login the edits reach the server', async () => {
    const sheetId = sheets.get('BPNT 2025 — Medono')!.id;
    const page = await loggedIn(DEMO.operator);
    await openSheet(page, sheetId);
    await waitSaved(page);
    await goOffline(page);
    await typeInCell(page, 0, NAMA, 'Sesi Habis Satu');
    await expect.poll(() => pendingOf(page)).toBeGreaterThan(0);

    // Overnight the access token expired and the refresh token was revoked:
    // the device only finds out when it is back online.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('selaras');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('session', 'readwrite');
            const store = tx.objectStore('session');
            const get = store.get('current');
            get.onsuccess = () => store.put({ ...get.result, token: 'kedaluwarsa', refreshToken: 'dicabut', expiresAt: 0 });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.getByTestId('sheet-page').waitFor();
    await expect.poll(() => cell(page, 0, NAMA).textContent()).toBe('Sesi Habis Satu');
    await typeInCell(page, 1, NAMA, 'Sesi Habis Dua');

    await page.context().setOffline(false);
    const relogin = page.getByTestId('relogin');
    await relogin.waitFor();
    await page.locator('[data-testid="link-state"][data-state="expired"]').waitFor();
    expect(await pendingOf(page)).toBeGreaterThan(0);
    await screenshot(page, 'session-expired');
    // Nothing was sent under the dead session.
    expect((await serverRows(env.app(), sheetId, DEMO.koordinator)).some((r) => r.nama === 'Sesi Habis Dua')).toBe(false);

    await relogin.getByTestId('login-password').fill(DEMO.operator.password);
    await relogin.getByTestId('login-submit').click();
    await relogin.waitFor({ state: 'detached' });
    await waitSaved(page);
    const names = (await serverRows(env.app(), sheetId, DEMO.koordinator)).map((r) => r.nama);
    expect(names).toContain('Sesi Habis Satu');
    expect(names).toContain('Sesi Habis Dua');
    await page.context().close();
  });

  it('logging out warns about changes not yet on the server, and cancelling keeps them', async () => {
    const sheetId = sheets.get('PKH 2025 — Kauman')!.id;
    const page = await loggedIn(DEMO.operator2);
    await openSheet(page, sheetId);
    await waitSaved(page);
    const rows = (await serverRows(env.app(), sheetId, DEMO.koordinator)).length;
    await goOffline(page);
    await typeInCell(page, 0, NAMA, 'Belum Terkirim');
    await expect.poll(() => pendingOf(page)).toBeGreaterThan(0);

    // The home shows, per sheet: rows, problems (this device's last check) and changes not yet on the server.
    await page.evaluate(() => (location.hash = '#/'));
    const card = page.getByTestId(`sheet-${sheetId}`);
    await card.getByTestId('sheet-pending').waitFor();
    expect(await card.getByTestId('sheet-rows').textContent()).toBe(`${rows} baris`);
    expect(await card.getByTestId('sheet-problems').textContent()).toMatch(/^\d+ masalah$/);
    await screenshot(page, 'home-pending');

    await page.getByTestId('logout').click();
    const dialog = page.getByTestId('logout-dialog');
    await dialog.getByTestId('logout-pending').waitFor();
    expect(await dialog.getByTestId('logout-pending').textContent()).toMatch(/^\d+ perubahan .* HILANG/);
    await screenshot(page, 'logout-warning');
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByTestId('sheet-pending').waitFor();

    // Still logged in, the edit still on the device: back online it reaches the server.
    await page.context().setOffline(false);
    await openSheet(page, sheetId);
    expect(await cell(page, 0, NAMA).textContent()).toBe('Belum Terkirim');
    await waitSaved(page);
    expect((await serverRows(env.app(), sheetId, DEMO.koordinator)).some((r) => r.nama === 'Belum Terkirim')).toBe(true);

    // With everything on the server, logging out says so and wipes the device.
    await page.getByTestId('logout').click();
    await dialog.getByText('Semua perubahan sudah tersimpan di server').waitFor();
    await dialog.getByTestId('logout-confirm').click();
    await page.getByTestId('login-username').waitFor();
    const left = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('selaras-sheet-')));
    expect(left).toEqual([]);
    await page.context().close();
  });

  it('a koordinator creates a sheet from a template, renames it and archives it', async () => {
    const page = await loggedIn(DEMO.koordinator);
    await page.getByTestId('create-sheet').click();
    const dialog = page.getByTestId('create-dialog');
    await dialog.getByTestId('create-program').fill('PKH');
    await dialog.getByTestId('create-period').fill('2026');
    await dialog.getByTestId('create-kelurahan').selectOption(PODOSUGIH);
    await dialog.getByLabel('Templat kolom').selectOption({ label: 'Pengaduan' });
    await dialog.getByTestId('create-name').fill('Pengaduan 2026 — Podosugih');
    await screenshot(page, 'create-sheet');
    await dialog.getByTestId('create-submit').click();
    await dialog.waitFor({ state: 'detached' });

    const card = page.locator('.sheet-card', { hasText: 'Pengaduan 2026 — Podosugih' });
    await card.waitFor();
    expect(await card.locator('.sheet-meta').textContent()).toContain('PKH · 2026');
    const id = ((await card.getAttribute('data-testid')) ?? '').replace(/^sheet-/, '');
    // The template's columns, in the grid.
    await card.getByTestId('sheet-link').click();
    await page.getByTestId('sheet-page').waitFor();
    await page.getByRole('columnheader', { name: /Alasan/ }).first().waitFor();
    expect(await page.getByRole('columnheader', { name: /Tgl Lahir/ }).count()).toBe(0);
    await page.evaluate(() => (location.hash = '#/'));

    const renamed = page.getByTestId(`sheet-${id}`);
    await renamed.getByRole('button', { name: 'Ganti nama' }).click();
    await page.getByLabel('Nama baru untuk lembar ini').fill('Pengaduan 2026 — Podosugih (revisi)');
    await page.getByRole('dialog').getByRole('button', { name: 'Ganti nama' }).click();
    await renamed.getByText('Pengaduan 2026 — Podosugih (revisi)').waitFor();

    page.once('dialog', (d) => void d.accept());
    await renamed.getByRole('button', { name: 'Arsipkan' }).click();
    await renamed.waitFor({ state: 'detached' }); // archived sheets are hidden by default
    await page.getByLabel('Tampilkan yang diarsipkan').check();
    await renamed.getByText('diarsipkan').waitFor();
    expect(await renamed.getByRole('button', { name: 'Ganti nama' }).count()).toBe(0);
    const listed = (await sheetsByName(env.app(), DEMO.koordinator)).get('Pengaduan 2026 — Podosugih (revisi)');
    expect(listed?.id).toBe(id);
    await page.context().close();
  });
});
