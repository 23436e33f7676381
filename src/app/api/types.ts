// Shapes of the server's JSON API as the app uses them (see docs/api.md).
import type { RecordRow } from '../../domain/schema';

export type Role = 'admin' | 'koordinator' | 'supervisor' | 'operator' | 'pengusul' | 'viewer';
export type SheetAccess = 'read' | 'write';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope?: { kind: string; code?: string; name?: string };
}

/** POST /api/login and /api/refresh (server/auth/sessions.ts Session). */
export interface LoginResponse {
  accessToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  user: SessionUser;
}

export interface WorkspaceSheet {
  id: string;
  name: string;
  program: string;
  period: string;
  kind: 'wilayah' | 'opd';
  kelurahan: string | null;
  kecamatan: string | null;
  opd: string | null;
  access: SheetAccess;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  /** Counts, when the server knows them (else the device's own, from the last open). */
  rows?: number;
  problems?: number;
}

export interface WorkspaceKelurahan {
  code: string;
  name: string;
  sheets: WorkspaceSheet[];
}

export interface WorkspaceKecamatan {
  code: string;
  name: string;
  kelurahan: WorkspaceKelurahan[];
}

/** GET /api/workspace */
export interface Workspace {
  workspace: { id: string; name: string; regencyCode: string };
  kecamatan: WorkspaceKecamatan[];
  /** Sectoral lists of OPDs (not tied to one kelurahan). */
  opdSheets: WorkspaceSheet[];
}

/** POST /api/sheets (columns from a template of src/sheet/templates.ts). */
export interface NewSheetRequest {
  name?: string;
  program: string;
  period: string;
  kelurahan?: string;
  columns: unknown[];
}

/** One row of another sheet in the cross-sheet index (GET /api/index). */
export interface IndexEntry {
  key: string;
  sheet: string;
  sheetName: string;
  kelurahan: string;
  program: string;
  readable: boolean;
  values: RecordRow['values'];
}
