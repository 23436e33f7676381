// First start: the workspace (Kota Pekalongan, 4 kecamatan, 27 kelurahan from
// idn-area-data) and an admin account with a generated password, printed once.
import { generatePassword, hashPassword } from '../auth/password';
import type { Catalog } from '../catalog';
import type { Workspace } from '../catalog/areas';
import { KOTA_PEKALONGAN, loadRegencyAreas } from './areas';

export interface Credential {
  username: string;
  password: string;
  role: string;
  scope: string;
}

export interface SeedResult {
  workspace: Workspace;
  /** True when this start created the workspace. */
  created: boolean;
  /** Accounts created now, with their passwords (shown once, never stored in clear). */
  credentials: Credential[];
}

export async function seedWorkspace(catalog: Catalog, options: { regencyCode?: string; adminPassword?: string } = {}): Promise<SeedResult> {
  const existing = catalog.areas.workspaces()[0];
  if (existing) return { workspace: existing, created: false, credentials: [] };
  const areas = await loadRegencyAreas(options.regencyCode ?? KOTA_PEKALONGAN);
  const password = options.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  catalog.db.transaction(() => {
    catalog.areas.insert(areas);
    catalog.users.create({
      workspaceId: areas.workspace.id,
      username: 'admin',
      displayName: 'Admin Dinas Sosial',
      role: 'admin',
      scope: { kind: 'workspace' },
      passwordHash,
    });
  })();
  return {
    workspace: areas.workspace,
    created: true,
    credentials: [{ username: 'admin', password, role: 'admin', scope: 'workspace' }],
  };
}

/** The lines printed once after the accounts are created. */
export function credentialBanner(workspaceName: string, credentials: Credential[]): string {
  if (!credentials.length) return '';
  const width = Math.max(...credentials.map((c) => c.username.length));
  const rows = credentials.map((c) => `    ${c.username.padEnd(width)}  ${c.password}   (${c.role}${c.scope === 'workspace' ? '' : ', ' + c.scope})`);
  return [
    '',
    `  Ruang kerja "${workspaceName}": Akun baru (kata sandi hanya ditampilkan sekali, simpan sekarang):`,
    '',
    ...rows,
    '',
    '  Ganti kata sandi: npx selaras users reset-password <nama> --data <folder>',
    '',
  ].join('\n');
}
