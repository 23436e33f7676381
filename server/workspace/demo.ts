// `npm start -- --demo`: one user per role and a few sample sheets with
// realistic rows, so a new user can try everything at once. Demo accounts share
// one known password (SELARAS_DEMO_PASSWORD, default "selaras-demo"): a demo
// data folder is for trying Selaras out, never for real data.
import { hashPassword } from '../auth/password';
import type { Role, Scope } from '../auth/access';
import { scopeToString } from '../auth/access';
import type { Catalog } from '../catalog';
import type { SheetRecord } from '../catalog/sheets';
import type { UserRecord } from '../catalog/users';
import type { SheetDocWriter } from './sheetDocs';
import { demoPeople, excelDamaged, makeNik, type PersonSeed } from './demoRows';
import type { Credential } from './seed';
import { templateColumns } from '../../src/sheet/templates';

export const DEMO_PASSWORD = 'selaras-demo';

const MEDONO = '33.75.01.1002';
const PODOSUGIH = '33.75.01.1003';
const KAUMAN = '33.75.02.1004';
const OPD = 'Dinas Perhubungan';

const DEMO_USERS: Array<{ username: string; displayName: string; role: Role; scope: Scope }> = [
  { username: 'koordinator', displayName: 'Rina Koordinator (Dinsos)', role: 'koordinator', scope: { kind: 'workspace' } },
  { username: 'supervisor', displayName: 'Hadi TKSK Pekalongan Barat', role: 'supervisor', scope: { kind: 'kecamatan', code: '33.75.01' } },
  { username: 'operator', displayName: 'Dewi Operator Medono', role: 'operator', scope: { kind: 'kelurahan', code: MEDONO } },
  { username: 'operator2', displayName: 'Fajar Operator Kauman', role: 'operator', scope: { kind: 'kelurahan', code: KAUMAN } },
  { username: 'pengusul', displayName: 'Bambang (Dinas Perhubungan)', role: 'pengusul', scope: { kind: 'opd', name: OPD } },
  { username: 'viewer', displayName: 'Pemantau Bappeda', role: 'viewer', scope: { kind: 'workspace' } },
];

const rowValues = (p: PersonSeed): Record<string, string> => ({ ...p });

export async function seedDemo(
  catalog: Catalog,
  sheetDocs: SheetDocWriter,
  workspaceId: string,
  password = DEMO_PASSWORD,
): Promise<{ credentials: Credential[]; sheets: SheetRecord[] }> {
  const credentials: Credential[] = [];
  const users = new Map<string, UserRecord>();
  const passwordHash = await hashPassword(password);
  for (const u of DEMO_USERS) {
    const existing = catalog.users.byUsername(u.username);
    if (existing) {
      users.set(u.username, existing);
      continue;
    }
    users.set(u.username, catalog.users.create({ workspaceId, ...u, passwordHash }));
    credentials.push({ username: u.username, password, role: u.role, scope: scopeToString(u.scope) });
  }
  if (catalog.sheets.list(workspaceId).length > 0) return { credentials, sheets: [] };

  // BPNT Medono: 24 households; one NIK damaged by Excel, one income above the UMK.
  const medono = demoPeople({ seed: 33750110, count: 24, region6: '337501', program: 'BPNT' });
  const damaged = medono[5] as PersonSeed;
  damaged.nik = excelDamaged(damaged.nik);
  damaged.catatan = 'disalin dari Excel kelurahan';
  const rich = medono[9] as PersonSeed;
  rich.pekerjaan = 'Karyawan swasta';
  rich.penghasilan = '3750000';
  // PKH Kauman: 18 households; one of them is also in BPNT Medono (moved, old spelling of the name).
  const kauman = demoPeople({ seed: 33750204, count: 18, region6: '337502', program: 'PKH' });
  const twin = medono[2] as PersonSeed;
  kauman[7] = { ...(kauman[7] as PersonSeed), nik: twin.nik, nama: twin.nama.replace(/^Siti\b/, 'St.').replace(/u/g, 'oe'), jenis_kelamin: twin.jenis_kelamin, tanggal_lahir: twin.tanggal_lahir, catatan: 'pindahan dari Medono' };
  // BPNT Podosugih (same kecamatan as Medono): 12 households, one of them a newcomer with a NIK from Batang.
  const podosugih = demoPeople({ seed: 33750111, count: 12, region6: '337501', program: 'BPNT' });
  const newcomer = podosugih[3] as PersonSeed;
  const [d, m, y] = newcomer.tanggal_lahir.split('-').map(Number) as [number, number, number];
  newcomer.nik = makeNik('332501', new Date(Date.UTC(y, m - 1, d)), newcomer.jenis_kelamin, 12);
  newcomer.catatan = 'pendatang dari Kab. Batang';
  // The OPD's becak drivers, city-wide: one of them is already a BPNT recipient in Medono.
  const becak = demoPeople({ seed: 33759001, count: 10, region6: '337503', program: 'BST', job: 'Tukang becak' });
  const also = medono[12] as PersonSeed;
  becak[4] = { ...also, pekerjaan: 'Tukang becak', status: 'usulan', catatan: '' };

  const kel = (code: string) => catalog.areas.kelurahanByCode(code);
  const created: SheetRecord[] = [];
  const add = async (spec: { name: string; program: string; kelurahan?: string; rows: PersonSeed[] }) => {
    const k = spec.kelurahan ? kel(spec.kelurahan) : undefined;
    const owner = users.get('pengusul');
    const sheet = catalog.sheets.create({
      workspaceId,
      name: spec.name,
      program: spec.program,
      period: '2025',
      kind: k ? 'wilayah' : 'opd',
      kecamatan: k?.kecamatanCode ?? null,
      kelurahan: k?.code ?? null,
      opd: k ? null : OPD,
      ownerId: k ? null : (owner?.id ?? null),
      createdBy: k ? (users.get('koordinator')?.id ?? null) : (owner?.id ?? null),
    });
    const rows = spec.rows.map((p) => ({
      ...rowValues(p),
      program: spec.program,
      desa_kelurahan: k?.name ?? '',
      kecamatan: k ? (catalog.areas.kecamatanByCode(k.kecamatanCode)?.name ?? '') : '',
    }));
    const columns = templateColumns(k ? 'standar' : 'usulan_opd');
    const ids = new Set(columns.map((c) => c.id));
    // Only values that have a column (the OPD template has fewer).
    const fitted = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([key]) => ids.has(key))));
    await sheetDocs.create(sheet, columns, fitted);
    created.push(sheet);
  };
  await add({ name: 'BPNT 2025 — Medono', program: 'BPNT', kelurahan: MEDONO, rows: medono });
  await add({ name: 'PKH 2025 — Kauman', program: 'PKH', kelurahan: KAUMAN, rows: kauman });
  await add({ name: 'BPNT 2025 — Podosugih', program: 'BPNT', kelurahan: PODOSUGIH, rows: podosugih });
  await add({ name: 'Usulan pengemudi becak 2025 — Dinas Perhubungan', program: 'BST', rows: becak });
  return { credentials, sheets: created };
}
