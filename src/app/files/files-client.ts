// Typed access to the files worker (workers/files.worker.ts):
//   const files = startFilesWorker();
//   const opened = await files.api.open(Comlink.transfer(bytes, [bytes.buffer]), file.name);
//   ...; files.stop();
import * as Comlink from 'comlink';
import type { FilesService } from '../../files/service';

export type { FilesService, Result, ExportFormat } from '../../files/service';

export interface FilesWorker {
  api: Comlink.Remote<FilesService>;
  stop(): void;
}

export function startFilesWorker(): FilesWorker {
  const worker = new Worker(new URL('../../../workers/files.worker.ts', import.meta.url), { type: 'module', name: 'selaras-files' });
  const api = Comlink.wrap<FilesService>(worker);
  return {
    api,
    stop() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** Hands file bytes to the worker without copying them. */
export function transferBytes(bytes: Uint8Array): Uint8Array {
  return Comlink.transfer(bytes, [bytes.buffer]);
}
