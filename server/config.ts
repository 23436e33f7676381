// Server configuration from flags and environment (flags win):
//   --port N       / PORT           default 8080 (0 = any free port)
//   --data DIR     / SELARAS_DATA   default ./data
//   --host H       / HOST           default all interfaces (tablets on the LAN reach it)
//   --demo         / SELARAS_DEMO=1 first start also creates demo users and sheets
//                    (all with the password SELARAS_DEMO_PASSWORD, default "selaras-demo")
//   SELARAS_SECRET  token-signing secret; otherwise generated once into <data>/secret.key
//   SELARAS_TRUST_PROXY=1  behind a reverse proxy: take the client IP (for login
//                   rate limits) from X-Forwarded-For instead of the socket
//   SELARAS_REGENCY  Kemendagri code of the kab/kota the first start creates (default 33.75,
//                   Kota Pekalongan); e.g. 17.71 Kota Bengkulu, 33.06 Kab. Purworejo
//   SELARAS_MAX_MESSAGE_MB  largest sync message a client may send (relay default: 16)
//   LOG_LEVEL       pino level (info)
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

export interface LoginLimits {
  perUsername: { max: number; windowMs: number };
  perIp: { max: number; windowMs: number };
}

export interface ServerConfig {
  port: number;
  host: string | undefined;
  dataDir: string;
  /** Where the built PWA is; not served if missing. */
  distDir: string;
  secret: string;
  demo: boolean;
  /** Password of every demo account (default "selaras-demo"). */
  demoPassword?: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  loginLimits: LoginLimits;
  logLevel: string;
  /** Take the client address from X-Forwarded-For (only behind a trusted reverse proxy). */
  trustProxy?: boolean;
  /** Overrides the relay's message size limit (bytes). */
  maxMessageBytes?: number;
  /** The kab/kota (Kemendagri code) the first start creates; Kota Pekalongan when absent. */
  regencyCode?: string;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  // 5 wrong passwords per username per 15 minutes; 30 attempts per IP per 15 minutes
  // (an office behind one NAT logs in many people at 07:30).
  perUsername: { max: 5, windowMs: 15 * 60_000 },
  perIp: { max: 30, windowMs: 15 * 60_000 },
};

export const USAGE = `Penggunaan: npm start -- [--port N] [--data FOLDER] [--host H] [--demo] [--no-build]

  --port N       port HTTP (bawaan 8080, atau PORT)
  --data FOLDER  folder data (bawaan ./data, atau SELARAS_DATA)
  --host H       alamat yang didengar (bawaan semua antarmuka, atau HOST)
  --demo         pada start pertama, buat juga pengguna per peran dan lembar contoh
  --no-build     jangan membangun PWA (dist/) sebelum start`;

export class ConfigError extends Error {}

export interface CliOptions {
  port: number;
  host: string | undefined;
  dataDir: string;
  demo: boolean;
  noBuild: boolean;
  help: boolean;
}

export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const portText = values.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Port tidak valid: "${portText}" (0–65535).`);
  return {
    port,
    host: values.host ?? env.HOST ?? undefined,
    dataDir: resolve(values.data ?? env.SELARAS_DATA ?? 'data'),
    demo: values.demo || env.SELARAS_DEMO === '1',
    noBuild: values['no-build'],
    help: values.help,
  };
}

export const SECRET_FILE = 'secret.key';

/** SELARAS_SECRET, or the secret kept in the data folder (created on first start, readable by the owner only). */
export function resolveSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SELARAS_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32) throw new ConfigError('SELARAS_SECRET terlalu pendek: minimal 32 karakter.');
    return fromEnv;
  }
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    chmodSync(file, 0o600);
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new ConfigError(`${file} rusak (terlalu pendek). Hapus berkas itu untuk membuat rahasia baru (semua sesi akan berakhir).`);
  return secret;
}

export function buildConfig(cli: CliOptions, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  let maxMessageBytes: number | undefined;
  if (env.SELARAS_MAX_MESSAGE_MB) {
    const mb = Number(env.SELARAS_MAX_MESSAGE_MB);
    if (!(mb >= 1 && mb <= 1024)) throw new ConfigError(`SELARAS_MAX_MESSAGE_MB tidak valid: "${env.SELARAS_MAX_MESSAGE_MB}" (1–1024).`);
    maxMessageBytes = Math.round(mb * 1024 * 1024);
  }
  const regency = env.SELARAS_REGENCY?.trim();
  if (regency && !/^\d{2}\.\d{2}$/.test(regency)) throw new ConfigError(`SELARAS_REGENCY tidak valid: "${regency}" (contoh: 33.75).`);
  mkdirSync(cli.dataDir, { recursive: true });
  return {
    port: cli.port,
    host: cli.host,
    dataDir: cli.dataDir,
    // The app is built next to the sources, wherever the server is started from.
    distDir: fileURLToPath(new URL('../dist', import.meta.url)),
    secret: resolveSecret(cli.dataDir, env),
    demo: cli.demo,
    ...(env.SELARAS_DEMO_PASSWORD ? { demoPassword: env.SELARAS_DEMO_PASSWORD } : {}),
    accessTtlSeconds: 60 * 60,
    refreshTtlSeconds: 30 * 24 * 60 * 60,
    loginLimits: DEFAULT_LOGIN_LIMITS,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.SELARAS_TRUST_PROXY === '1',
    ...(maxMessageBytes ? { maxMessageBytes } : {}),
    ...(regency ? { regencyCode: regency } : {}),
  };
}

export const catalogFile = (dataDir: string): string => join(dataDir, 'catalog.db');
export const docsFile = (dataDir: string): string => join(dataDir, 'docs.db');
export const pidFile = (dataDir: string): string => join(dataDir, 'server.pid');

/**
 * The pid in <data>/server.pid if that process is alive, i.e. a server is using
 * the folder. (Our own pid counts as stale: after a crash in a container the
 * restarted server often gets the same pid.)
 */
export function runningServerPid(dataDir: string): number | null {
  const file = pidFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive, but another user's process.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
