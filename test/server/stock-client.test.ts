// The stock y-websocket 3 client (as the app uses it) against the whole
// server: demo data loads, two users converge, presence passes, and a viewer's
// edits go nowhere.
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCell, setCell } from '../../src/sheet/cells';
import { rowIds } from '../../src/sheet/rows';
import { WebSocket } from '../../server/relay/ws';
import { login, startTestServer, waitFor, type TestServer } from './helpers';

let srv: TestServer;
let medono = '';
const providers: WebsocketProvider[] = [];

function connect(token: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(srv.url.replace(/^http/, 'ws') + '/sync', medono, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  return { doc, provider };
}

beforeAll(async () => {
  srv = await startTestServer({ demo: true });
  medono = srv.catalog.sheets.list(srv.catalog.areas.workspaces()[0]?.id ?? '').find((s) => s.name === 'BPNT 2025 — Medono')?.id ?? '';
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await srv?.stop();
});

describe('stock y-websocket client through the full server', () => {
  it('two users converge on an edit, see each other, and a viewer cannot write', async () => {
    const op = connect((await login(srv.url, 'operator', 'selaras-demo')).accessToken);
    const ko = connect((await login(srv.url, 'koordinator', 'selaras-demo')).accessToken);
    const vi = connect((await login(srv.url, 'viewer', 'selaras-demo')).accessToken);
    await waitFor(() => op.provider.synced && ko.provider.synced && vi.provider.synced, 'all synced');
    const rows = rowIds(op.doc);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rowIds(ko.doc)).toEqual(rows);
    const row = rows[0] ?? '';

    setCell(op.doc, row, 'nama', 'Dewi Sartika');
    await waitFor(() => getCell(ko.doc, row, 'nama').value === 'Dewi Sartika', 'koordinator sees the edit');
    await waitFor(() => getCell(vi.doc, row, 'nama').value === 'Dewi Sartika', 'viewer sees the edit');

    op.provider.awareness.setLocalStateField('user', { name: 'Dewi' });
    await waitFor(() => [...ko.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Dewi'), 'presence');

    const refused = () => srv.metrics.counter('selaras_relay_refused_messages_total', '').get({ reason: 'read_only' });
    const before = refused();
    setCell(vi.doc, row, 'alamat', 'Diubah pemantau');
    await waitFor(() => refused() > before, 'the relay refused the viewer’s write');
    setCell(ko.doc, row, 'rt', '009');
    await waitFor(() => getCell(op.doc, row, 'rt').value === '009', 'a later write arrives');
    expect(getCell(op.doc, row, 'alamat').value).not.toBe('Diubah pemantau');
    const stored = await srv.relay.readDoc(medono);
    expect(getCell(stored, row, 'alamat').value).not.toBe('Diubah pemantau');
    expect(getCell(stored, row, 'nama').value).toBe('Dewi Sartika');
    stored.destroy();
  });
});
