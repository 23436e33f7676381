// Relay benchmark: N WebSocket clients over S sheets, each editing cells at a
// steady rate, against (1) the stock @y/websocket-server 0.1.1 (no auth, no
// durability) and (2) the Selaras relay (token auth, every update fsynced to
// SQLite before it is forwarded or acknowledged), in the same run, under the
// same seeded load. Servers and the load generator are separate processes.
//
//   npm run bench:relay -- [--connections 1500] [--sheets 100] [--rate 0.2]
//                          [--warmup 3] [--duration 10] [--servers stock,selaras]
// (env: BENCH_CONNECTIONS, BENCH_SHEETS, BENCH_RATE, BENCH_DURATION)
// The default rate, one committed cell edit every 5 s per client (300 edits/s,
// 4,200 deliveries/s in all), is brisk data entry for 1,500 officers at once.
//
// Printed per server: p50/p95/p99 of the time for an edit to reach each other
// client of its sheet ("delivery") and to reach all of them ("edit"), the time
// until the sender holds a durable ack (Selaras only), durable updates/s, edits
// lost, and server RSS; then the Selaras/stock ratios.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import pino from 'pino';
import * as Y from 'yjs';
import { createMetrics } from '../server/ops/metrics';
import { createRelay } from '../server/relay/relay';
import { WebSocket, WebSocketServer } from '../server/relay/ws';
import { openSqliteDocStore } from '../server/store/sqlite-doc-store';
import {
  decodeDurable,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MESSAGE_DURABLE,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_UPDATE,
} from '../src/sync/wire';

interface LoadOptions {
  connections: number;
  sheets: number;
  /** Edits per second per client. */
  rate: number;
  warmupS: number;
  durationS: number;
  seed: number;
}

interface LoadResult {
  connected: number;
  edits: number;
  deliveries: number;
  lostDeliveries: number;
  delivery: Percentiles;
  edit: Percentiles;
  ack: Percentiles | null;
  durablePerSecond: number | null;
  editsPerSecond: number;
  loadCpuSeconds: number;
  /** Event-loop delay of the load generator while measuring: how late it may notice a frame. */
  loadLoopDelay: { p50: number; p99: number; max: number };
  /** Server side, receive → fsync of each update, mean over the measured window (Selaras only). */
  persistMeanMs: number | null;
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const self = fileURLToPath(import.meta.url);

function flag(name: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[env];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

function textFlag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const s = Float64Array.from(values).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

// ─── server roles ───────────────────────────────────────────────────────────

async function listen(
  onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
  onMetrics: () => string,
): Promise<void> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain' }).end(onMetrics());
    else res.writeHead(404).end();
  });
  server.on('upgrade', onUpgrade);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 1024, r));
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
}

async function runStockServer(): Promise<void> {
  // The stock server's own connection handler, without persistence (YPERSISTENCE unset).
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as {
    setupWSConnection: (ws: unknown, req: IncomingMessage, opts?: { docName?: string; gc?: boolean }) => void;
  };
  const wss = new WebSocketServer({ noServer: true });
  await listen(
    (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)),
    () => '',
  );
}

async function runSelarasServer(dataDir: string): Promise<void> {
  const store = openSqliteDocStore(join(dataDir, 'docs.db'));
  const metrics = createMetrics();
  const relay = createRelay({
    store,
    metrics,
    logger: pino({ level: 'silent' }),
    authorizer: {
      async authorize({ token }) {
        if (token?.startsWith('w:')) return { ok: true, userId: token.slice(2), access: 'write' };
        return { ok: false, status: 401, reason: 'token tidak sah' };
      },
    },
  });
  await listen((req, socket, head) => relay.handleUpgrade(req, socket, head), () => metrics.render());
  process.on('SIGTERM', () => {
    relay
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
}

// ─── load generator ─────────────────────────────────────────────────────────

/** Reads (client, clock) of the first struct of a Yjs v1 update without decoding it. */
function firstStructId(update: Uint8Array): string | null {
  try {
    const d = decoding.createDecoder(update);
    if (decoding.readVarUint(d) === 0) return null;
    decoding.readVarUint(d); // number of structs of this client
    const client = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    return `${client}:${clock}`;
  } catch {
    return null;
  }
}

interface Scraped {
  persisted: number;
  persistSum: number;
  persistCount: number;
}

async function scrapePersisted(port: number): Promise<Scraped | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
    const persisted = read('selaras_relay_updates_persisted_total');
    if (!Number.isFinite(persisted)) return null;
    return { persisted, persistSum: read('selaras_relay_persist_seconds_sum'), persistCount: read('selaras_relay_persist_seconds_count') };
  } catch {
    return null;
  }
}

interface Client {
  index: number;
  sheet: number;
  ws: WebSocket;
  doc: Y.Doc;
  synced: boolean;
  edits: number;
  nextEditAt: number;
  /** Own clock → send time, awaiting a durable ack. */
  awaitingAck: Map<number, number>;
}

interface EditRecord {
  sentAt: number;
  remaining: number;
  last: number;
  measured: boolean;
}

async function runLoad(port: number, opts: LoadOptions): Promise<LoadResult> {
  const random = mulberry32(opts.seed);
  const cpuStart = process.cpuUsage();
  const edits = new Map<string, EditRecord>();
  const deliveryLatencies: number[] = [];
  const editLatencies: number[] = [];
  const ackLatencies: number[] = [];
  const perSheet = new Map<number, number>();
  let measuring = false;
  let sentMeasured = 0;
  let deliveredMeasured = 0;

  const clients: Client[] = [];
  const connect = (index: number): Promise<void> =>
    new Promise((resolve) => {
      const sheet = index % opts.sheets;
      const ws = new WebSocket(`ws://127.0.0.1:${port}/sync/bench-${sheet}?token=w:u${index}&durable=1`);
      ws.binaryType = 'nodebuffer';
      const doc = new Y.Doc();
      const client: Client = {
        index,
        sheet,
        ws,
        doc,
        synced: false,
        edits: 0,
        nextEditAt: 0,
        awaitingAck: new Map(),
      };
      doc.on('update', (update: Uint8Array) => {
        if (ws.readyState === ws.OPEN) ws.send(encodeSyncUpdate(update));
      });
      ws.on('open', () => {
        ws.send(encodeSyncStep1(Y.encodeStateVector(doc)));
        clients.push(client);
        perSheet.set(sheet, (perSheet.get(sheet) ?? 0) + 1);
        resolve();
      });
      ws.on('error', () => resolve());
      ws.on('message', (data: Buffer) => {
        const now = performance.now();
        const d = decoding.createDecoder(new Uint8Array(data));
        const type = decoding.readVarUint(d);
        if (type === MESSAGE_SYNC) {
          const sub = decoding.readVarUint(d);
          const payload = decoding.readVarUint8Array(d);
          if (sub === SYNC_STEP1) {
            ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, payload)));
          } else if (sub === SYNC_UPDATE) {
            const id = firstStructId(payload);
            const rec = id ? edits.get(id) : undefined;
            if (rec) {
              const latency = now - rec.sentAt;
              if (rec.measured) {
                deliveryLatencies.push(latency);
                deliveredMeasured++;
              }
              rec.last = latency;
              if (--rec.remaining === 0) {
                if (rec.measured) editLatencies.push(latency);
                edits.delete(id!);
              }
            }
          } else {
            client.synced = true;
          }
        } else if (type === MESSAGE_DURABLE) {
          const ack = decodeDurable(d);
          const clock = Y.decodeStateVector(ack.stateVector).get(doc.clientID) ?? 0;
          for (const [c, sentAt] of client.awaitingAck) {
            if (c >= clock) continue;
            if (measuring || sentAt > 0) ackLatencies.push(now - sentAt);
            client.awaitingAck.delete(c);
          }
        }
      });
    });

  // Ramp up in batches so the accept queue is never flooded.
  for (let i = 0; i < opts.connections; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, opts.connections - i) }, (_, k) => connect(i + k)));
  }
  const syncDeadline = performance.now() + 20_000;
  while (clients.some((c) => !c.synced) && performance.now() < syncDeadline) await sleep(50);

  const interval = 1000 / opts.rate;
  const start = performance.now();
  for (const c of clients) c.nextEditAt = start + random() * interval;
  const warmupEnd = start + opts.warmupS * 1000;
  const end = warmupEnd + opts.durationS * 1000;
  let persistedAtStart: Scraped | null = null;
  let editsMeasured = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });

  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (!measuring && now >= warmupEnd) {
        measuring = true;
        loopDelay.enable();
        void scrapePersisted(port).then((n) => (persistedAtStart = n));
      }
      if (now >= end) {
        clearInterval(tick);
        resolve();
        return;
      }
      for (const c of clients) {
        if (c.nextEditAt > now || c.ws.readyState !== c.ws.OPEN) continue;
        c.nextEditAt += interval * (0.5 + random());
        const receivers = (perSheet.get(c.sheet) ?? 1) - 1;
        const clock = Y.getState(c.doc.store, c.doc.clientID);
        const id = `${c.doc.clientID}:${clock}`;
        edits.set(id, { sentAt: performance.now(), remaining: receivers, last: 0, measured: measuring });
        if (measuring) {
          editsMeasured++;
          sentMeasured += receivers;
          c.awaitingAck.set(clock, performance.now());
        }
        // One cell of the client's own row: a NIK-like value, replacing the previous one.
        c.doc.getMap('cells').set(`r${c.index}:c${c.edits++ % 8}`, `33750153${Math.floor(random() * 1e8)}`);
      }
    }, 5);
  });
  loopDelay.disable();
  const persistedAtEnd = await scrapePersisted(port);
  measuring = false;
  await sleep(2_000); // let stragglers arrive; they still count as delivered
  const cpu = process.cpuUsage(cpuStart);
  for (const c of clients) c.ws.terminate();
  // (Assigned in a callback above, which TypeScript cannot see.)
  const start0 = persistedAtStart as Scraped | null;
  return {
    connected: clients.length,
    edits: editsMeasured,
    deliveries: deliveredMeasured,
    lostDeliveries: sentMeasured - deliveredMeasured,
    delivery: percentiles(deliveryLatencies),
    edit: percentiles(editLatencies),
    ack: ackLatencies.length > 0 ? percentiles(ackLatencies) : null,
    durablePerSecond: start0 && persistedAtEnd ? (persistedAtEnd.persisted - start0.persisted) / opts.durationS : null,
    editsPerSecond: editsMeasured / opts.durationS,
    loadCpuSeconds: (cpu.user + cpu.system) / 1e6,
    loadLoopDelay: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    persistMeanMs:
      start0 && persistedAtEnd && persistedAtEnd.persistCount > start0.persistCount
        ? ((persistedAtEnd.persistSum - start0.persistSum) / (persistedAtEnd.persistCount - start0.persistCount)) * 1000
        : null,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ─── orchestrator ───────────────────────────────────────────────────────────

function spawnRole(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', self, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

function firstLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing ${pattern}`)));
  });
}

function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ=100)
  } catch {
    return NaN;
  }
}

async function benchServer(kind: 'stock' | 'selaras', opts: LoadOptions): Promise<LoadResult & { rssPeak: number; serverCpu: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), `selaras-bench-${kind}-`));
  const server = spawnRole(['--role', `${kind}-server`, '--data', dataDir]);
  try {
    const port = Number((await firstLine(server, /PORT (\d+)/))[1]);
    const cpuBefore = cpuSeconds(server.pid!);
    let rssPeak = rssMiB(server.pid!);
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMiB(server.pid!));
    }, 250);
    const load = spawnRole([
      '--role',
      'load',
      '--port',
      String(port),
      '--connections',
      String(opts.connections),
      '--sheets',
      String(opts.sheets),
      '--rate',
      String(opts.rate),
      '--warmup',
      String(opts.warmupS),
      '--duration',
      String(opts.durationS),
      '--seed',
      String(opts.seed),
    ]);
    const result = JSON.parse((await firstLine(load, /RESULT (.*)\n/))[1]!) as LoadResult;
    clearInterval(sampler);
    const serverCpu = cpuSeconds(server.pid!) - cpuBefore;
    load.kill();
    return { ...result, rssPeak, serverCpu };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor under any durable relay here: latency of a tiny fsynced SQLite commit on this disk, now. */
async function fsyncFloor(): Promise<Percentiles> {
  const dir = mkdtempSync(join(tmpdir(), 'selaras-bench-fsync-'));
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(dir, 'probe.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)');
  const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
  const times: number[] = [];
  // Spaced like a relay under moderate load, not back to back.
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    insert.run(Buffer.alloc(64));
    times.push(performance.now() - t0);
    await sleep(5);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return percentiles(times);
}

function fmt(p: Percentiles | null): string {
  if (!p) return '—';
  return `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)} / ${p.p99.toFixed(1)} ms (max ${p.max.toFixed(0)})`;
}

async function orchestrate(): Promise<void> {
  const opts: LoadOptions = {
    connections: flag('connections', 'BENCH_CONNECTIONS', 1500),
    sheets: flag('sheets', 'BENCH_SHEETS', 100),
    rate: flag('rate', 'BENCH_RATE', 0.2),
    warmupS: flag('warmup', 'BENCH_WARMUP', 3),
    durationS: flag('duration', 'BENCH_DURATION', 10),
    seed: flag('seed', 'BENCH_SEED', 42),
  };
  const kinds = textFlag('servers', 'stock,selaras').split(',') as ('stock' | 'selaras')[];
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(
    `relay bench: ${opts.connections} connections over ${opts.sheets} sheets, ${opts.rate} edits/s per client ` +
      `(${(opts.connections * opts.rate).toFixed(0)} edits/s, fan-out ${(opts.connections / opts.sheets - 1).toFixed(0)}), ` +
      `${opts.warmupS}s warm-up + ${opts.durationS}s measured; loopback, 3 processes on ${
        cpus().length
      } cores`,
  );
  // A kind may be listed more than once (e.g. stock,selaras,stock,selaras) to
  // interleave runs on a noisy machine; ratios then use the median run of each.
  console.log(`fsync floor (one SQLite WAL commit, synchronous=FULL) p50/p95/p99: ${fmt(await fsyncFloor())}`);
  const results = new Map<string, Awaited<ReturnType<typeof benchServer>>[]>();
  for (const kind of kinds) {
    const r = await benchServer(kind, opts);
    results.set(kind, [...(results.get(kind) ?? []), r]);
    console.log(`\n[${kind === 'stock' ? '@y/websocket-server 0.1.1 (no auth, no durability)' : 'Selaras relay (auth, fsync before forward/ack)'}]`);
    console.log(`  connected            ${r.connected}`);
    console.log(`  edits measured       ${r.edits} (${r.editsPerSecond.toFixed(0)}/s), deliveries ${r.deliveries}, lost ${r.lostDeliveries}`);
    console.log(`  delivery p50/p95/p99 ${fmt(r.delivery)}`);
    console.log(`  edit→all  p50/p95/p99 ${fmt(r.edit)}`);
    console.log(`  durable ack p50/p95/p99 ${fmt(r.ack)}`);
    console.log(`  durable updates/s    ${r.durablePerSecond === null ? '— (none: not durable)' : r.durablePerSecond.toFixed(0)}`);
    if (r.persistMeanMs !== null) console.log(`  server receive→fsync mean ${r.persistMeanMs.toFixed(2)} ms (before forwarding)`);
    console.log(
      `  load-generator event-loop delay p50/p99 ${r.loadLoopDelay.p50.toFixed(1)} / ${r.loadLoopDelay.p99.toFixed(1)} ms (max ${r.loadLoopDelay.max.toFixed(0)}) — its share of the latencies above`,
    );
    console.log(`  server RSS peak      ${r.rssPeak.toFixed(0)} MiB, server CPU ${r.serverCpu.toFixed(1)} s, load-generator CPU ${r.loadCpuSeconds.toFixed(1)} s`);
  }
  const median = (runs: Awaited<ReturnType<typeof benchServer>>[] | undefined) =>
    runs ? [...runs].sort((a, b) => a.delivery.p99 - b.delivery.p99)[Math.floor((runs.length - 1) / 2)] : undefined;
  const stock = median(results.get('stock'));
  const ours = median(results.get('selaras'));
  if (stock && ours) {
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    console.log(`\nSelaras / stock ratio (lower is better; median run of ${results.get('selaras')!.length} / ${results.get('stock')!.length}):`);
    console.log(`  delivery p50 ${ratio(ours.delivery.p50, stock.delivery.p50)}, p95 ${ratio(ours.delivery.p95, stock.delivery.p95)}, p99 ${ratio(ours.delivery.p99, stock.delivery.p99)}`);
    console.log(`  server RSS ${ratio(ours.rssPeak, stock.rssPeak)}, server CPU ${ratio(ours.serverCpu, stock.serverCpu)}`);
    console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const budget = ours.delivery.p99 < 50;
    console.log(`  budget p99 < 50 ms: ${budget ? 'met' : 'NOT met'} (${ours.delivery.p99.toFixed(1)} ms)`);
  }
}

const role = textFlag('role', 'orchestrator');
if (role === 'stock-server') await runStockServer();
else if (role === 'selaras-server') await runSelarasServer(textFlag('data', tmpdir()));
else if (role === 'load') {
  const result = await runLoad(flag('port', 'BENCH_PORT', 1), {
    connections: flag('connections', 'BENCH_CONNECTIONS', 1500),
    sheets: flag('sheets', 'BENCH_SHEETS', 100),
    rate: flag('rate', 'BENCH_RATE', 0.2),
    warmupS: flag('warmup', 'BENCH_WARMUP', 3),
    durationS: flag('duration', 'BENCH_DURATION', 10),
    seed: flag('seed', 'BENCH_SEED', 42),
  });
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} else await orchestrate();
