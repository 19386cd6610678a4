// Per-node table: counters and latency percentiles, with each node's latency histogram drawn
// on a log scale (the executor's HDR buckets regrouped into a few dozen bars).
import type { LatencyBucket, NodeMetricsSnapshot } from '@remotemedia/core';
import { el, svg, titled } from './dom.js';
import { count, latencyMs } from './format.js';

const BARS = 32;
const W = 260;
const H = 56;

function histogram(
  buckets: readonly LatencyBucket[],
  p: NodeMetricsSnapshot['latency'],
): SVGSVGElement {
  const root = svg('svg', { class: 'histogram', viewBox: `0 0 ${W} ${H + 14}`, role: 'img' });
  if (buckets.length === 0) return root;
  const lo = Math.max(1e-4, buckets.find((b) => b.toMs > 0)?.fromMs || 1e-4);
  const hi = Math.max(lo * 1.01, (buckets[buckets.length - 1] as LatencyBucket).toMs);
  const span = Math.log(hi / lo);
  const x = (ms: number) => (Math.log(Math.max(ms, lo) / lo) / span) * W;
  const bars = new Array<number>(BARS).fill(0);
  for (const b of buckets) {
    const mid = (b.fromMs + b.toMs) / 2;
    const i = Math.min(BARS - 1, Math.floor((x(mid) / W) * BARS));
    bars[i] = (bars[i] as number) + b.count;
  }
  const tallest = Math.max(...bars);
  bars.forEach((n, i) => {
    if (n === 0) return;
    const h = Math.max(1, (n / tallest) * H);
    const from = lo * Math.exp((i / BARS) * span);
    const to = lo * Math.exp(((i + 1) / BARS) * span);
    root.append(
      titled(
        svg('rect', {
          class: 'bar',
          x: (i * W) / BARS + 0.5,
          y: H - h,
          width: W / BARS - 1,
          height: h,
        }),
        `${count(n)} calls, ${latencyMs(from)} - ${latencyMs(to)} ms`,
      ),
    );
  });
  for (const [name, v] of [
    ['p50', p.p50],
    ['p95', p.p95],
    ['p99', p.p99],
  ] as const) {
    root.append(
      titled(
        svg('line', { class: `marker ${name}`, x1: x(v), x2: x(v), y1: 0, y2: H }),
        `${name} ${latencyMs(v)} ms`,
      ),
    );
  }
  root.append(
    svg('text', { class: 'edge-label start', x: 0, y: H + 12 }, [`${latencyMs(lo)} ms`]),
    svg('text', { class: 'edge-label end', x: W, y: H + 12 }, [`${latencyMs(hi)} ms`]),
  );
  return root;
}

const COLUMNS = [
  'node',
  'calls',
  'in',
  'out',
  'errors',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'latency histogram',
];

export function nodeTable(nodes: Record<string, NodeMetricsSnapshot>): HTMLTableElement {
  const rows = Object.entries(nodes).map(([id, m]) =>
    el('tr', { 'data-node': id }, [
      el('th', { scope: 'row' }, [id]),
      el('td', {}, [count(m.calls)]),
      el('td', {}, [count(m.framesIn)]),
      el('td', {}, [count(m.framesOut)]),
      el('td', { class: m.errors > 0 ? 'bad' : undefined }, [count(m.errors)]),
      el('td', {}, [latencyMs(m.latency.p50)]),
      el('td', {}, [latencyMs(m.latency.p95)]),
      el('td', {}, [latencyMs(m.latency.p99)]),
      el('td', {}, [latencyMs(m.latency.max)]),
      el('td', { class: 'chart' }, [histogram(m.latency.buckets, m.latency)]),
    ]),
  );
  return el('table', { id: 'nodes' }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        COLUMNS.map((c) => el('th', { scope: 'col' }, [c])),
      ),
    ]),
    el('tbody', {}, rows),
  ]);
}
