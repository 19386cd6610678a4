// The sinks' json values as points and spans on the time axis. A value's own times win
// ({ startMs, endMs } is a span, { startMs } a point); otherwise it sits where it came out.
import type { ReportData } from '../src/run/report/report-data.js';

export interface OutputItem {
  sink: string;
  port: string;
  index: number;
  startMs: number;
  /** Set for spans. */
  endMs: number | undefined;
  /** Whether the times are the value's own rather than when it came out. */
  ownTime: boolean;
  value: unknown;
}

export interface OutputLane {
  sink: string;
  port: string;
  items: OutputItem[];
  /** How many values the run produced on this port (more than `items` when the report cut them). */
  total: number;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function item(sink: string, port: string, index: number, value: unknown, atMs: number): OutputItem {
  const v = value as { startMs?: unknown; endMs?: unknown } | null;
  if (typeof v === 'object' && v !== null && num(v.startMs)) {
    const endMs = num(v.endMs) && v.endMs >= v.startMs ? v.endMs : undefined;
    return { sink, port, index, startMs: v.startMs, endMs, ownTime: true, value };
  }
  return { sink, port, index, startMs: atMs, endMs: undefined, ownTime: false, value };
}

/** One lane per json port of every sink (audio and bytes ports are summaries, not values). */
export function outputLanes(data: ReportData): OutputLane[] {
  const lanes: OutputLane[] = [];
  for (const [sink, ports] of Object.entries(data.results.outputs)) {
    for (const [port, values] of Object.entries(ports)) {
      if (!Array.isArray(values)) continue;
      const at = data.arrivals[sink]?.[port] ?? [];
      lanes.push({
        sink,
        port,
        items: values.map((v, i) => item(sink, port, i, v, at[i] ?? 0)),
        total: data.valueCounts[sink]?.[port] ?? values.length,
      });
    }
  }
  return lanes;
}

/** Speech: spans with their own times, except those that say `speech: false`. */
export function isSpeech(i: OutputItem): boolean {
  return i.endMs !== undefined && (i.value as { speech?: unknown }).speech !== false;
}

export interface Segment {
  startMs: number;
  endMs: number;
}

/**
 * A lane's speech segments: its speech spans, with touching or overlapping ones joined, so
 * per-frame decisions read as the regions they make up and closed segments stay as they are.
 */
export function segmentsOf(lane: OutputLane): Segment[] {
  const spans = lane.items
    .filter(isSpeech)
    .map((i) => ({ startMs: i.startMs, endMs: i.endMs as number }))
    .sort((a, b) => a.startMs - b.startMs);
  const out: Segment[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last !== undefined && span.startMs <= last.endMs)
      last.endMs = Math.max(last.endMs, span.endMs);
    else out.push({ ...span });
  }
  return out;
}
