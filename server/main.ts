// The Selaras server: ONE Node process serving the built PWA, the JSON API and
// the sync relay, with all data in one folder (catalog.db, docs.db, secret.key).
// `startServer` is what tests and bin/start.mjs use; `main` adds flags, the
// first-start banner and signal handling.
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConnectionAuthorizer } from './auth/authorizer';
import { watchRevocations } from './auth/revocationWatch';
import { createAuthService } from './auth/sessions';
import { openCatalog, type Catalog } from './catalog';
import { buildConfig, catalogFile, ConfigError, docsFile, parseCliOptions, pidFile, runningServerPid, USAGE, type ServerConfig } from './config';
import { createHttpHandler } from './http/app';
import type { ConnectionControl } from './http/deps';
import { createLogger, type Logger } from './ops/logger';
import { createMetrics, type Metrics } from './ops/metrics';
import { createRelay, type Relay } from './relay/relay';
import { CloseCode } from '../src/sync/wire';
import type { RelayLimits } from './relay/limits';
import type { DocStore } from './store/doc-store';
import { openSqliteDocStore } from './store/sqlite-doc-store';
import { DEMO_PASSWORD, seedDemo } from './workspace/demo';
import { KOTA_PEKALONGAN } from './workspace/areas';
import { createCrossIndex } from './workspace/crossIndex';
import { createSheetDocWriter } from './workspace/sheetDocs';
import { credentialBanner, seedWorkspace, type Credential } from './workspace/seed';

export interface StartOptions {
  config: ServerConfig;
  logger?: Logger;
  relayLimits?: Partial<RelayLimits>;
  /** How often accounts changed by another process (the CLI) are checked for revocation. */
  revocationCheckMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  catalog: Catalog;
  store: DocStore;
  relay: Relay;
  metrics: Metrics;
  /** Closing sync connections when rights change (what the API and the catalog watch call). */
  connections: ConnectionControl;
  /** Accounts created by this start (first start, demo), with their passwords. */
  credentials: Credential[];
  workspaceName: string;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const other = runningServerPid(config.dataDir);
  if (other) throw new ConfigError(`Folder data ${config.dataDir} sedang dipakai server Selaras lain (pid ${other}). Hentikan server itu dulu.`);
  writeFileSync(pidFile(config.dataDir), `${process.pid}\n`);

  let catalog: Catalog;
  let store: DocStore;
  try {
    catalog = openCatalog(catalogFile(config.dataDir));
    store = openSqliteDocStore(docsFile(config.dataDir));
  } catch (err) {
    rmSync(pidFile(config.dataDir), { force: true });
    throw err;
  }
  const metrics = createMetrics();
  const auth = createAuthService(catalog, config);
  const relay = createRelay({
    store,
    authorizer: createConnectionAuthorizer(catalog, auth),
    logger,
    metrics,
    limits: { ...(config.maxMessageBytes ? { maxMessageBytes: config.maxMessageBytes } : {}), ...options.relayLimits },
  });
  const sheetDocs = createSheetDocWriter(relay);
  // Only a disabled or deleted account is shut out for good. Any other change
  // (role, scope, password, a sheet archived or reopened) closes with "renew
  // the token and reconnect": the reconnect is authorized again and gets the new
  // access, or a permanent refusal if nothing is left.
  const connections: ConnectionControl = {
    closeUser: (userId, reason) => {
      const user = catalog.users.byId(userId);
      const code = !user || user.disabled ? CloseCode.FORBIDDEN : CloseCode.UNAUTHORIZED;
      // Only connections opened with older rights: one already reconnected with a
      // renewed token (the HTTP change and the catalog watch may both call this) stays.
      const current = user && !user.disabled ? user.tokenVersion : undefined;
      const n = relay.closeWhere((c) => c.userId === userId && (current === undefined || c.rightsVersion !== current), reason, code);
      if (n) logger.info({ userId, closed: n, reason, code }, 'connections closed');
    },
    closeSheet: (sheetId, reason) => {
      const n = relay.closeWhere((c) => c.sheetId === sheetId, reason, CloseCode.UNAUTHORIZED);
      if (n) logger.info({ sheetId, closed: n, reason }, 'connections closed');
    },
  };

  let httpServer: Server | undefined;
  const revocations = watchRevocations(catalog.db, (userId) => connections.closeUser(userId, 'Hak akses berubah'), options.revocationCheckMs);
  const shutdown = async () => {
    revocations.stop();
    if (httpServer) {
      const closed = new Promise<void>((resolve) => httpServer?.close(() => resolve()));
      httpServer.closeIdleConnections();
      await relay.close();
      httpServer.closeAllConnections();
      await closed;
    } else {
      await relay.close();
    }
    await store.close();
    catalog.close();
    rmSync(pidFile(config.dataDir), { force: true });
  };

  try {
    const seeded = await seedWorkspace(catalog, {
      ...(config.regencyCode ? { regencyCode: config.regencyCode } : {}),
      ...(config.demo ? { adminPassword: config.demoPassword ?? DEMO_PASSWORD } : {}),
    });
    const credentials = [...seeded.credentials];
    // The demo sheets are Kota Pekalongan's (Medono, Kauman…).
    if (config.demo && seeded.workspace.regencyCode === KOTA_PEKALONGAN) {
      const demo = await seedDemo(catalog, sheetDocs, seeded.workspace.id, config.demoPassword ?? DEMO_PASSWORD);
      credentials.push(...demo.credentials);
      if (demo.sheets.length) logger.info({ sheets: demo.sheets.map((s) => s.name) }, 'demo sheets created');
    }
    if (seeded.created) logger.info({ workspace: seeded.workspace.name }, 'workspace created');

    const handler = createHttpHandler({
      catalog,
      auth,
      logger,
      sheetDocs,
      crossIndex: createCrossIndex(catalog, {
        readDoc: (id) => relay.readDoc(id),
        versions: async () => new Map((await store.listDocs()).map((d) => [d.docId, `${d.entries}:${d.bytes}:${d.updatedAt}`])),
      }),
      connections,
      distDir: config.distDir,
      trustProxy: config.trustProxy ?? false,
      metrics,
      async health() {
        const checks: Record<string, string> = {};
        try {
          catalog.checkWritable();
          checks.catalog = 'ok';
        } catch (err) {
          checks.catalog = `gagal: ${(err as Error).message}`;
        }
        checks.docs = store.healthCheck() ? 'ok' : 'gagal: penyimpanan lembar tidak dapat ditulis';
        return { ok: Object.values(checks).every((v) => v === 'ok'), checks };
      },
    });
    const server = createServer((req, res) => void handler(req, res));
    httpServer = server;
    server.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head));
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    logger.info({ url, dataDir: config.dataDir, demo: config.demo }, 'listening');
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      catalog,
      store,
      relay,
      metrics,
      connections,
      credentials,
      workspaceName: seeded.workspace.name,
      close: () => (closing ??= shutdown()),
    };
  } catch (err) {
    await shutdown().catch(() => undefined);
    throw err;
  }
}

/** `npm start` (through bin/start.mjs): run until SIGTERM/SIGINT, then shut down cleanly. Resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let config: ServerConfig;
  try {
    const cli = parseCliOptions(argv);
    if (cli.help) {
      console.log(USAGE);
      return 0;
    }
    config = buildConfig(cli);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  let server: RunningServer;
  try {
    server = await startServer({ config, logger });
  } catch (err) {
    if (err instanceof ConfigError || (err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const msg = err instanceof ConfigError ? err.message : `Port ${config.port} sudah dipakai program lain. Pakai --port atau PORT untuk memilih port lain.`;
      console.error(msg);
      return 1;
    }
    logger.fatal({ err }, 'start failed');
    return 1;
  }
  if (server.credentials.length) process.stdout.write(credentialBanner(server.workspaceName, server.credentials) + '\n');
  process.stdout.write(`  Selaras berjalan di ${server.url}  (data: ${config.dataDir})\n\n`);
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.close().then(
        () => {
          logger.info('stopped');
          resolve(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
