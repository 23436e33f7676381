// What the HTTP layer needs from the rest of the server.
import type { Catalog } from '../catalog';
import type { AuthService } from '../auth/sessions';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import type { CrossIndex } from '../workspace/crossIndex';
import type { SheetDocWriter } from '../workspace/sheetDocs';

/** Closing open sync connections when rights change (backed by the relay's closeWhere). */
export interface ConnectionControl {
  closeUser(userId: string, reason: string): void;
  closeSheet(sheetId: string, reason: string): void;
}

export interface HttpDeps {
  catalog: Catalog;
  auth: AuthService;
  logger: Logger;
  sheetDocs: SheetDocWriter;
  crossIndex: CrossIndex;
  connections: ConnectionControl;
  distDir: string;
  /** Client address from X-Forwarded-For (behind a trusted reverse proxy). */
  trustProxy?: boolean;
  /** Every store writable? Names the failing ones. */
  health(): Promise<{ ok: boolean; checks: Record<string, string> }>;
  /** The process's Prometheus registry (the relay's families; HTTP counters are added to it). */
  metrics: Metrics;
}
