// The relay's metric handles, registered once per relay on the shared registry.

import type { Counter, Gauge, Histogram, Metrics } from '../ops/metrics';

export interface RelayMetrics {
  connections: Gauge;
  connectionsTotal: Counter;
  docsLoaded: Gauge;
  updatesPersisted: Counter;
  persistSeconds: Histogram;
  refusedMessages: Counter;
  compactions: Counter;
}

export function createRelayMetrics(m: Metrics): RelayMetrics {
  return {
    connections: m.gauge('selaras_relay_connections', 'Open WebSocket connections.'),
    connectionsTotal: m.counter(
      'selaras_relay_connections_total',
      'WebSocket upgrade attempts by result (accepted, unauthorized, forbidden, not_found, cooldown).',
    ),
    docsLoaded: m.gauge('selaras_relay_docs_loaded', 'Sheets currently loaded in memory.'),
    updatesPersisted: m.counter('selaras_relay_updates_persisted_total', 'Yjs updates committed to disk.'),
    persistSeconds: m.histogram(
      'selaras_relay_persist_seconds',
      'Time from receiving an update to its commit on disk (fsync), in seconds.',
    ),
    refusedMessages: m.counter(
      'selaras_relay_refused_messages_total',
      'Client messages refused, by reason (read_only, malformed, too_large, invalid_update, text_frame).',
    ),
    compactions: m.counter('selaras_relay_compactions_total', 'Stored logs merged into a snapshot.'),
  };
}
