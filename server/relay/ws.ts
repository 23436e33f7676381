// Loads the Node implementation of `ws` by its file path. Vitest runs tests
// with `--conditions browser` (vite-plugin-solid asks for it in test mode),
// which maps `ws` to a stub that throws; the relay and its tests need the real
// thing everywhere.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as WsModule from 'ws';

const nodeRequire = createRequire(import.meta.url);
const wsDir = dirname(nodeRequire.resolve('ws/package.json'));
const ws = nodeRequire(join(wsDir, 'index.js')) as typeof WsModule;

export const WebSocketServer = ws.WebSocketServer;
export const WebSocket = ws.WebSocket;
export type WebSocket = WsModule.WebSocket;
export type WebSocketServer = WsModule.WebSocketServer;
