// A tiny Prometheus text-format registry (exposition format 0.0.4): counters,
// gauges and histograms with optional labels. Enough for /metrics without a
// dependency; every instance is owned by whoever creates the registry.

export type Labels = Record<string, string>;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  get(labels?: Labels): number;
}
export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
  get(labels?: Labels): number;
}
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  /** Number of observations (for tests and summaries). */
  count(labels?: Labels): number;
}

export interface Metrics {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  histogram(name: string, help: string, buckets?: readonly number[]): Histogram;
  /** Prometheus text exposition. Serve with CONTENT_TYPE. */
  render(): string;
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Default buckets in seconds, from 0.1 ms to 2.5 s (fsync latencies live here). */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

interface Family {
  render(): string[];
}

export function createMetrics(): Metrics {
  const families = new Map<string, { kind: string; family: unknown; render: Family['render'] }>();

  function register<T>(name: string, kind: string, make: () => { family: T; render: Family['render'] }): T {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name: ${name}`);
    const existing = families.get(name);
    if (existing) {
      if (existing.kind !== kind) throw new Error(`metric ${name} already registered as ${existing.kind}`);
      return existing.family as T;
    }
    const made = make();
    families.set(name, { kind, family: made.family, render: made.render });
    return made.family;
  }

  return {
    counter(name, help) {
      return register<Counter>(name, 'counter', () => {
        const values = new Map<string, number>();
        return {
          family: {
            inc(labels, by = 1) {
              if (by < 0) throw new Error('counter cannot decrease');
              const key = labelKey(labels);
              values.set(key, (values.get(key) ?? 0) + by);
            },
            get: (labels) => values.get(labelKey(labels)) ?? 0,
          },
          render: () => header(name, help, 'counter').concat(sampleLines(name, values)),
        };
      });
    },
    gauge(name, help) {
      return register<Gauge>(name, 'gauge', () => {
        const values = new Map<string, number>();
        const add = (labels: Labels | undefined, by: number) => {
          const key = labelKey(labels);
          values.set(key, (values.get(key) ?? 0) + by);
        };
        return {
          family: {
            set: (value, labels) => void values.set(labelKey(labels), value),
            inc: (labels, by = 1) => add(labels, by),
            dec: (labels, by = 1) => add(labels, -by),
            get: (labels) => values.get(labelKey(labels)) ?? 0,
          },
          render: () => header(name, help, 'gauge').concat(sampleLines(name, values)),
        };
      });
    },
    histogram(name, help, buckets = LATENCY_BUCKETS_SECONDS) {
      const bounds = [...buckets].sort((a, b) => a - b);
      return register<Histogram>(name, 'histogram', () => {
        const series = new Map<string, { counts: number[]; sum: number; count: number }>();
        return {
          family: {
            observe(value, labels) {
              const key = labelKey(labels);
              let s = series.get(key);
              if (!s) {
                s = { counts: bounds.map(() => 0), sum: 0, count: 0 };
                series.set(key, s);
              }
              for (let i = 0; i < bounds.length; i++) if (value <= bounds[i]!) s.counts[i]!++;
              s.sum += value;
              s.count++;
            },
            count: (labels) => series.get(labelKey(labels))?.count ?? 0,
          },
          render: () => {
            const lines = header(name, help, 'histogram');
            for (const [key, s] of series) {
              bounds.forEach((b, i) => {
                lines.push(`${name}_bucket${withLabel(key, 'le', formatNumber(b))} ${s.counts[i]}`);
              });
              lines.push(`${name}_bucket${withLabel(key, 'le', '+Inf')} ${s.count}`);
              lines.push(`${name}_sum${key} ${formatNumber(s.sum)}`);
              lines.push(`${name}_count${key} ${s.count}`);
            }
            return lines;
          },
        };
      });
    },
    render() {
      const lines: string[] = [];
      for (const f of families.values()) lines.push(...f.render());
      return lines.join('\n') + '\n';
    },
  };
}

function header(name: string, help: string, type: string): string[] {
  return [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
}

function sampleLines(name: string, values: Map<string, number>): string[] {
  // A family without labels shows 0 before its first sample, so dashboards see it.
  if (values.size === 0) return [`${name} 0`];
  return [...values].map(([key, v]) => `${name}${key} ${formatNumber(v)}`);
}

/** Canonical `{a="x",b="y"}` form, sorted by label name; '' for no labels. */
function labelKey(labels: Labels | undefined): string {
  if (!labels) return '';
  const names = Object.keys(labels).sort();
  if (names.length === 0) return '';
  return '{' + names.map((n) => `${n}="${escapeLabel(labels[n]!)}"`).join(',') + '}';
}

function withLabel(key: string, name: string, value: string): string {
  const pair = `${name}="${value}"`;
  return key === '' ? `{${pair}}` : `${key.slice(0, -1)},${pair}}`;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
