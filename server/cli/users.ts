// Placeholder until the owning workstream lands the real command.
export async function run(_args: string[]): Promise<number> {
  console.error('Perintah "users" belum tersedia.');
  return 2;
}
