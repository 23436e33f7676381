// `selaras users add|list|set-role|disable|enable|reset-password … --data DIR`
// Works on the catalog file directly, also while the server runs (SQLite WAL);
// the running server notices changed rights within seconds and closes the
// user's open sync connections.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLE_LABELS, ROLES, scopeToString } from '../auth/access';
import { addUser, changeUser, resetPassword, setUserDisabled, UserAdminError } from '../auth/userAdmin';
import { openCatalog, type Catalog } from '../catalog';
import { catalogFile } from '../config';

const USAGE = `Penggunaan:
  selaras users list                                   [--data FOLDER]
  selaras users add NAMA --role PERAN [--scope CAKUPAN] [--name "Nama Lengkap"] [--password SANDI] [--data FOLDER]
  selaras users set-role NAMA --role PERAN [--scope CAKUPAN] [--data FOLDER]
  selaras users disable NAMA                           [--data FOLDER]
  selaras users enable NAMA                            [--data FOLDER]
  selaras users reset-password NAMA [--password SANDI] [--data FOLDER]

PERAN: ${ROLES.join(', ')}
CAKUPAN: workspace | kecamatan:<kode> | kelurahan:<kode> | opd:<nama OPD>
  contoh: --role operator --scope kelurahan:33.75.01.1002
Tanpa --password, kata sandi dibuat acak dan ditampilkan sekali.
FOLDER bawaan: SELARAS_DATA atau ./data`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        role: { type: 'string' },
        scope: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, username] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = resolve(values.data ?? process.env.SELARAS_DATA ?? 'data');
  const file = catalogFile(dataDir);
  if (!existsSync(file)) {
    console.error(`Tidak ada katalog di ${dataDir}. Jalankan "npm start" sekali (atau beri --data FOLDER yang benar).`);
    return 1;
  }
  const catalog = openCatalog(file);
  try {
    const workspace = catalog.areas.workspaces()[0];
    if (!workspace) {
      console.error('Katalog belum berisi ruang kerja. Jalankan "npm start" sekali.');
      return 1;
    }
    const needName = (): string => {
      if (!username) throw new UserAdminError(400, `Sebutkan nama pengguna: selaras users ${command} NAMA`);
      return username;
    };
    switch (command) {
      case 'list':
        printList(catalog, workspace.id);
        return 0;
      case 'add': {
        const { user, password } = await addUser(catalog, workspace.id, {
          username: needName(),
          role: values.role,
          scope: values.scope,
          displayName: values.name,
          password: values.password,
        });
        console.log(`Pengguna ${user.username} dibuat: ${ROLE_LABELS[user.role]}, ${scopeToString(user.scope)}.`);
        if (password) console.log(`Kata sandi (ditampilkan sekali): ${password}`);
        return 0;
      }
      case 'set-role': {
        if (!values.role) throw new UserAdminError(400, 'Sebutkan --role PERAN.');
        const { user } = changeUser(catalog, workspace.id, needName(), { role: values.role, ...(values.scope ? { scope: values.scope } : {}) });
        console.log(`${user.username} sekarang ${ROLE_LABELS[user.role]}, ${scopeToString(user.scope)}. Sesi lamanya berakhir.`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const user = setUserDisabled(catalog, workspace.id, needName(), command === 'disable');
        console.log(command === 'disable' ? `${user.username} dinonaktifkan; sambungannya ditutup.` : `${user.username} diaktifkan kembali.`);
        return 0;
      }
      case 'reset-password': {
        const { user, password } = await resetPassword(catalog, workspace.id, needName(), values.password);
        console.log(`Kata sandi ${user.username} diganti; semua sesinya berakhir.`);
        if (password) console.log(`Kata sandi baru (ditampilkan sekali): ${password}`);
        return 0;
      }
      default:
        console.error(`Perintah tidak dikenal: users ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UserAdminError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    catalog.close();
  }
}

function printList(catalog: Catalog, workspaceId: string): void {
  const users = catalog.users.list(workspaceId);
  const rows = users.map((u) => [u.username, u.role, scopeToString(u.scope), u.disabled ? 'nonaktif' : 'aktif', u.displayName]);
  const header = ['NAMA', 'PERAN', 'CAKUPAN', 'STATUS', 'NAMA LENGKAP'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}
