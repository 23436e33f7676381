// Flags and environment: port, data folder, secret kept in the data folder.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseCliOptions, resolveSecret } from '../../server/config';
import { tempDir } from './helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('config', () => {
  it('defaults to port 8080 and ./data; PORT and SELARAS_DATA change both; flags win', () => {
    expect(parseCliOptions([], {})).toMatchObject({ port: 8080, dataDir: resolve('data'), demo: false });
    expect(parseCliOptions([], { PORT: '9090', SELARAS_DATA: '/srv/selaras' })).toMatchObject({ port: 9090, dataDir: '/srv/selaras' });
    expect(parseCliOptions(['--port', '7000', '--data', '/tmp/x', '--demo'], { PORT: '9090', SELARAS_DATA: '/srv/selaras' })).toMatchObject({
      port: 7000,
      dataDir: '/tmp/x',
      demo: true,
    });
    expect(() => parseCliOptions(['--port', '70000'], {})).toThrow(ConfigError);
    expect(() => parseCliOptions(['--prot', '1'], {})).toThrow(/Penggunaan/);
  });

  it('generates the secret once into the data folder, readable by the owner only; SELARAS_SECRET overrides', () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = resolveSecret(dir, {});
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(existsSync(join(dir, 'secret.key'))).toBe(true);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(resolveSecret(dir, {})).toBe(first);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first);
    const env = 'e'.repeat(40);
    expect(resolveSecret(dir, { SELARAS_SECRET: env })).toBe(env);
    expect(() => resolveSecret(dir, { SELARAS_SECRET: 'pendek' })).toThrow(/minimal 32/);
  });
});
