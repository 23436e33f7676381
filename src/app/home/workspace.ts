// The workspace tree: fetched from the server when online, cached on the
// device so the home screen (and the sheets on it) open with no network.
import { ApiError } from '../api/client';
import type { NewSheetRequest, Workspace, WorkspaceSheet } from '../api/types';
import type { AppServices } from '../context';

export interface LoadedWorkspace {
  tree: Workspace;
  /** Set when the server could not be reached and the device's copy is shown. */
  cachedAt?: number;
}

export async function loadWorkspace({ api, db }: AppServices): Promise<LoadedWorkspace | null> {
  try {
    const tree = await api.get<Workspace>('/api/workspace');
    await db.workspace.put({ key: 'tree', tree, fetchedAt: Date.now() });
    return { tree };
  } catch (err) {
    const cached = await db.workspace.get('tree');
    if (cached) return { tree: cached.tree, cachedAt: cached.fetchedAt };
    if (err instanceof ApiError) throw err;
    throw new ApiError(String(err), 0);
  }
}

export function allSheets(tree: Workspace): WorkspaceSheet[] {
  return [...tree.kecamatan.flatMap((k) => k.kelurahan.flatMap((l) => l.sheets)), ...tree.opdSheets];
}

export function findSheet(tree: Workspace | undefined, id: string): WorkspaceSheet | undefined {
  return tree ? allSheets(tree).find((s) => s.id === id) : undefined;
}

export function kelurahanName(tree: Workspace | undefined, code: string | null): string {
  if (!tree || !code) return code ?? '';
  for (const k of tree.kecamatan) for (const l of k.kelurahan) if (l.code === code) return l.name;
  return code;
}

export const createSheet = ({ api }: AppServices, req: NewSheetRequest) => api.post<WorkspaceSheet>('/api/sheets', req);
export const renameSheet = ({ api }: AppServices, id: string, name: string) => api.patch<WorkspaceSheet>(`/api/sheets/${id}`, { name });
export const archiveSheet = ({ api }: AppServices, id: string, archived: boolean) =>
  api.patch<WorkspaceSheet>(`/api/sheets/${id}`, { archived });
