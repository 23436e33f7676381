// GET /api/workspace; GET /api/index; POST /api/sheets; GET/PATCH /api/sheets/:id.
import { accessTo, canArchive, canCreateSheet, canRename, type SheetTarget } from '../auth/access';
import type { NewSheet } from '../catalog/sheets';
import { sheetView, workspaceTree } from '../workspace/tree';
import { defaultColumns, parseColumns } from '../workspace/templates';
import { requireUser } from './authRoutes';
import type { HttpDeps } from './deps';
import { HttpError, readJson, sendJson } from './respond';
import type { Router } from './router';

function text(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new HttpError(400, `${field} wajib diisi.`);
    return undefined;
  }
  if (typeof value !== 'string' || !value.trim()) throw new HttpError(400, `${field} harus berupa teks.`);
  const t = value.trim().replace(/\s+/g, ' ');
  if (t.length > max) throw new HttpError(400, `${field} terlalu panjang (maksimal ${max} karakter).`);
  return t;
}

export function addSheetRoutes(router: Router, deps: HttpDeps): void {
  const { catalog } = deps;

  router.get('/api/workspace', async (ctx) => {
    const user = await requireUser(deps, ctx);
    const tree = workspaceTree(catalog, user, await deps.crossIndex.rowCounts(user));
    if (!tree) throw new HttpError(404, 'Ruang kerja tidak ditemukan.');
    sendJson(ctx.res, 200, tree);
  });

  router.get('/api/index', async (ctx) => {
    const user = await requireUser(deps, ctx);
    sendJson(ctx.res, 200, { entries: await deps.crossIndex.entriesFor(user) });
  });

  router.get('/api/sheets/:id', async (ctx) => {
    const user = await requireUser(deps, ctx);
    const sheet = catalog.sheets.byId(ctx.params.id ?? '');
    const access = sheet ? accessTo(user, sheet) : 'none';
    if (!sheet || access === 'none') throw new HttpError(404, 'Lembar tidak ditemukan.');
    sendJson(ctx.res, 200, sheetView(sheet, access));
  });

  router.post('/api/sheets', async (ctx) => {
    const user = await requireUser(deps, ctx);
    const body = await readJson(ctx.req);
    const program = text(body.program, 'Program', 60, true) as string;
    const period = text(body.period, 'Periode', 40, true) as string;
    let target: SheetTarget;
    let kecamatan: string | null = null;
    let kelurahanName = '';
    if (user.role === 'pengusul') {
      target = { kind: 'opd' };
    } else {
      const code = text(body.kelurahan, 'Kelurahan', 20, true) as string;
      const kel = catalog.areas.kelurahanByCode(code);
      if (!kel || kel.workspaceId !== user.workspaceId) throw new HttpError(400, `Kelurahan "${code}" tidak ada di ruang kerja ini.`);
      target = { kind: 'wilayah', kelurahan: kel.code };
      kecamatan = kel.kecamatanCode;
      kelurahanName = kel.name;
    }
    if (!canCreateSheet(user, target)) throw new HttpError(403, 'Anda tidak berhak membuat lembar di sini.');
    const opd = user.scope.kind === 'opd' ? user.scope.name : null;
    const name = text(body.name, 'Nama lembar', 120, false) ?? `${program} ${period} — ${kelurahanName || opd || ''}`.trim();
    const columns = body.columns === undefined ? defaultColumns(target.kind, body.template) : parseColumns(body.columns);
    if (typeof columns === 'string') throw new HttpError(400, columns);
    const input: NewSheet = {
      workspaceId: user.workspaceId,
      name,
      program,
      period,
      kind: target.kind,
      kecamatan,
      kelurahan: target.kind === 'wilayah' ? target.kelurahan : null,
      opd: target.kind === 'opd' ? opd : null,
      ownerId: target.kind === 'opd' ? user.id : null,
      createdBy: user.id,
    };
    const sheet = catalog.sheets.create(input);
    try {
      await deps.sheetDocs.create(sheet, columns);
    } catch (err) {
      catalog.sheets.remove(sheet.id);
      throw err;
    }
    deps.logger.info({ userId: user.id, sheetId: sheet.id, name }, 'sheet created');
    sendJson(ctx.res, 201, sheetView(sheet, accessTo(user, sheet) === 'read' ? 'read' : 'write'));
  });

  router.patch('/api/sheets/:id', async (ctx) => {
    const user = await requireUser(deps, ctx);
    const sheet = catalog.sheets.byId(ctx.params.id ?? '');
    if (!sheet || accessTo(user, sheet) === 'none') throw new HttpError(404, 'Lembar tidak ditemukan.');
    const body = await readJson(ctx.req);
    const name = text(body.name, 'Nama lembar', 120, false);
    if (body.archived !== undefined && typeof body.archived !== 'boolean') throw new HttpError(400, 'archived harus true atau false.');
    const archived = body.archived as boolean | undefined;
    if (name === undefined && archived === undefined) throw new HttpError(400, 'Tidak ada perubahan: kirim name dan/atau archived.');
    if (archived !== undefined && archived !== sheet.archived && !canArchive(user, sheet)) {
      throw new HttpError(403, 'Hanya koordinator atau admin yang dapat mengarsipkan lembar.');
    }
    if (name !== undefined && name !== sheet.name && !canRename(user, sheet)) throw new HttpError(403, 'Anda tidak berhak mengganti nama lembar ini.');
    const updated = catalog.sheets.update(sheet.id, { ...(name !== undefined ? { name } : {}), ...(archived !== undefined ? { archived } : {}) });
    if (!updated) throw new HttpError(404, 'Lembar tidak ditemukan.');
    await deps.sheetDocs.setMeta(sheet.id, { ...(name !== undefined ? { name } : {}), ...(archived !== undefined ? { archived } : {}) });
    // Archiving makes every connection read-only: close them so they reconnect with the new access.
    if (archived !== undefined && archived !== sheet.archived) deps.connections.closeSheet(sheet.id, archived ? 'Lembar diarsipkan' : 'Lembar dibuka kembali');
    deps.logger.info({ userId: user.id, sheetId: sheet.id, name, archived }, 'sheet updated');
    const access = accessTo(user, updated);
    sendJson(ctx.res, 200, sheetView(updated, access === 'none' ? 'read' : access));
  });
}
