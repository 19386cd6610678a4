// The metrics table printed when a run ends.
import type { PipelineMetrics } from '@remotemedia/core';

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '-');

export function metricsTable(metrics: PipelineMetrics): string {
  const header = ['node', 'calls', 'in', 'out', 'errors', 'p50 ms', 'p95 ms', 'p99 ms'];
  const rows = Object.entries(metrics.nodes).map(([id, m]) => [
    id,
    String(m.calls),
    String(m.framesIn),
    String(m.framesOut),
    String(m.errors),
    ms(m.latency.p50),
    ms(m.latency.p95),
    ms(m.latency.p99),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
