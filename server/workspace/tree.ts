// What a user sees of the workspace: every kecamatan and kelurahan (names are
// not secret), and only the sheets they may open, each with their access.
import { accessTo, type Access, type Principal } from '../auth/access';
import type { Catalog } from '../catalog';
import type { SheetRecord } from '../catalog/sheets';

export interface SheetView {
  id: string;
  name: string;
  program: string;
  period: string;
  kind: 'wilayah' | 'opd';
  kecamatan: string | null;
  kelurahan: string | null;
  opd: string | null;
  archived: boolean;
  access: Exclude<Access, 'none'>;
  createdAt: number;
  updatedAt: number;
  /** Rows in the sheet as stored on the server (absent when not counted). */
  rows?: number;
}

export interface WorkspaceTree {
  workspace: { id: string; name: string; regencyCode: string };
  kecamatan: Array<{
    code: string;
    name: string;
    kelurahan: Array<{ code: string; name: string; sheets: SheetView[] }>;
  }>;
  /** Sectoral lists of OPDs (not tied to one kelurahan). */
  opdSheets: SheetView[];
}

export function sheetView(sheet: SheetRecord, access: Exclude<Access, 'none'>): SheetView {
  return {
    id: sheet.id,
    name: sheet.name,
    program: sheet.program,
    period: sheet.period,
    kind: sheet.kind,
    kecamatan: sheet.kecamatan,
    kelurahan: sheet.kelurahan,
    opd: sheet.opd,
    archived: sheet.archived,
    access,
    createdAt: sheet.createdAt,
    updatedAt: sheet.updatedAt,
  };
}

/**
 * `rows`: sheet id → row count on the server. Problems are not counted here:
 * they include cross-sheet duplicates, which only the check engine over the
 * whole workspace finds; the app shows its device's last check instead.
 */
export function workspaceTree(catalog: Catalog, user: Principal, rows?: ReadonlyMap<string, number>): WorkspaceTree | undefined {
  const ws = catalog.areas.workspace(user.workspaceId);
  if (!ws) return undefined;
  const byKelurahan = new Map<string, SheetView[]>();
  const opdSheets: SheetView[] = [];
  for (const sheet of catalog.sheets.list(ws.id)) {
    const access = accessTo(user, sheet);
    if (access === 'none') continue;
    const count = rows?.get(sheet.id);
    const view = count === undefined ? sheetView(sheet, access) : { ...sheetView(sheet, access), rows: count };
    if (sheet.kind === 'opd' || !sheet.kelurahan) opdSheets.push(view);
    else byKelurahan.set(sheet.kelurahan, [...(byKelurahan.get(sheet.kelurahan) ?? []), view]);
  }
  const kelurahan = catalog.areas.kelurahan(ws.id);
  return {
    workspace: ws,
    kecamatan: catalog.areas.kecamatan(ws.id).map((kec) => ({
      code: kec.code,
      name: kec.name,
      kelurahan: kelurahan
        .filter((kel) => kel.kecamatanCode === kec.code)
        .map((kel) => ({ code: kel.code, name: kel.name, sheets: byKelurahan.get(kel.code) ?? [] })),
    })),
    opdSheets,
  };
}
