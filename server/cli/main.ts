// `selaras <command> …`: one entry, one small module per command.
// Each command module exports `run(args): Promise<number>` (the exit code).

interface Command {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  check: { summary: 'periksa berkas CSV/XLSX: duplikat, NIK, kelayakan', load: () => import('./check') },
  import: { summary: 'impor CSV/XLSX ke lembar', load: () => import('./import') },
  export: { summary: 'ekspor lembar ke CSV/XLSX', load: () => import('./export') },
  users: { summary: 'kelola pengguna (tambah, ubah peran, cabut)', load: () => import('./users') },
  backup: { summary: 'cadangkan atau pulihkan folder data', load: () => import('./backup') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  selaras ${name.padEnd(8)} ${c.summary}`);
  return ['Penggunaan: selaras <perintah> [opsi]', '', ...lines, '', 'Bantuan perintah: selaras <perintah> --help'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Perintah tidak dikenal: ${name}\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

process.exitCode = await main(process.argv.slice(2));

// A module (top-level await needs one); nothing else imports this entry.
export {};
