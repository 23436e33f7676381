// The Prometheus text registry renders counters, gauges and histograms with labels.

import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../server/ops/metrics';

describe('metrics registry', () => {
  it('renders the Prometheus text format', () => {
    const m = createMetrics();
    const refused = m.counter('selaras_relay_refused_messages_total', 'Refused.');
    refused.inc({ reason: 'read_only' });
    refused.inc({ reason: 'read_only' });
    refused.inc({ reason: 'too "big"' }, 3);
    m.gauge('selaras_relay_connections', 'Open.').set(7);
    const h = m.histogram('selaras_relay_persist_seconds', 'Persist.', [0.001, 0.01]);
    h.observe(0.0005);
    h.observe(0.005);
    h.observe(2);
    expect(m.counter('selaras_relay_refused_messages_total', '')).toBe(refused); // same family
    expect(() => m.gauge('selaras_relay_refused_messages_total', '')).toThrow(/already registered/);
    expect(m.render()).toBe(
      [
        '# HELP selaras_relay_refused_messages_total Refused.',
        '# TYPE selaras_relay_refused_messages_total counter',
        'selaras_relay_refused_messages_total{reason="read_only"} 2',
        'selaras_relay_refused_messages_total{reason="too \\"big\\""} 3',
        '# HELP selaras_relay_connections Open.',
        '# TYPE selaras_relay_connections gauge',
        'selaras_relay_connections 7',
        '# HELP selaras_relay_persist_seconds Persist.',
        '# TYPE selaras_relay_persist_seconds histogram',
        'selaras_relay_persist_seconds_bucket{le="0.001"} 1',
        'selaras_relay_persist_seconds_bucket{le="0.01"} 2',
        'selaras_relay_persist_seconds_bucket{le="+Inf"} 3',
        'selaras_relay_persist_seconds_sum 2.0055',
        'selaras_relay_persist_seconds_count 3',
        '',
      ].join('\n'),
    );
  });
});
