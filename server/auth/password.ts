// Password hashing with Node's scrypt: a random salt per password, parameters
// stored with the hash (so they can be raised later), constant-time compare.
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const MIN_LENGTH = 8;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (salt and hash in base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEY_LENGTH);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (!N || !r || !p || expected.length === 0) return false;
  const key = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}

/**
 * A hash of nothing anyone knows: verifying against it when the username does
 * not exist costs the same time as a real check, so timing does not tell which
 * usernames exist.
 */
export function decoyHash(): Promise<string> {
  return hashPassword(randomBytes(12).toString('base64url'));
}

/** Null when acceptable, else why not (Bahasa Indonesia). */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'Kata sandi wajib diisi.';
  if (password.length < MIN_LENGTH) return `Kata sandi minimal ${MIN_LENGTH} karakter.`;
  if (password.length > 256) return 'Kata sandi terlalu panjang (maksimal 256 karakter).';
  return null;
}

// No 0/O, 1/l/I: the password is read off a terminal and typed on a tablet.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of 4 groups of 4 characters, e.g. `k7Qa-mZ3p-Xw9d-Tr2f` (~93 bits). */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
