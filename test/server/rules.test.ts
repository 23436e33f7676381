// The workspace's eligibility settings over the API: everyone reads them (every
// device checks with them), only admin and koordinator change them, bad input is
// refused with a message naming the field and changes nothing, and they survive
// a restart (stored in the catalog).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsOf, type RuleSettingsView as RulesView } from '../../src/domain/ruleSettings';
import { api, login, startTestServer, tempDir, type TestServer } from './helpers';

let srv: TestServer;
const dataDir = tempDir();
const t: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestServer({ demo: true, dataDir, keepData: true });
  for (const u of ['koordinator', 'operator', 'viewer']) t[u] = (await login(srv.url, u, 'selaras-demo')).accessToken;
});
afterAll(async () => srv?.stop());

describe('workspace rule settings', () => {
  it('starts at the defaults; an operator reads them but may not change them', async () => {
    const res = await api<RulesView>(srv.url, '/api/workspace/rules', { token: t.operator });
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual(settingsOf());
    expect(res.body.canEdit).toBe(false);
    const put = await api(srv.url, '/api/workspace/rules', { method: 'PUT', token: t.operator, body: { umk: { amount: 2_000_000 } } });
    expect(put.status).toBe(403);
    expect(put.body.error).toMatch(/koordinator atau admin/);
    expect((await api(srv.url, '/api/workspace/rules', { method: 'PUT', token: t.viewer, body: {} })).status).toBe(403);
    expect((await api(srv.url, '/api/workspace/rules')).status).toBe(401);
  });

  it('a koordinator sets the UMK; bad input is refused and changes nothing; the settings survive a restart', async () => {
    const put = await api<RulesView>(srv.url, '/api/workspace/rules', {
      method: 'PUT',
      token: t.koordinator,
      body: { umk: { amount: 2_700_000, label: 'UMK Kota Pekalongan 2026' }, enabled: { goodHouse: false }, extraOccupationTerms: ['Satpol PP'] },
    });
    expect(put.status).toBe(200);
    expect(put.body.settings.umk).toEqual({ amount: 2_700_000, label: 'UMK Kota Pekalongan 2026' });
    expect(put.body.updatedBy).toMatch(/Koordinator/);

    const bad = await api(srv.url, '/api/workspace/rules', { method: 'PUT', token: t.koordinator, body: { umk: { amount: 'dua juta' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/umk\.amount/);

    await srv.stop();
    srv = await startTestServer({ dataDir, keepData: false });
    const token = (await login(srv.url, 'viewer', 'selaras-demo')).accessToken;
    const after = await api<RulesView>(srv.url, '/api/workspace/rules', { token });
    expect(after.body.settings.umk.amount).toBe(2_700_000);
    expect(after.body.settings.enabled.goodHouse).toBe(false);
    expect(after.body.settings.extraOccupationTerms).toEqual(['satpol pp']);
  });
});
