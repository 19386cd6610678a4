// Where a manifest's results come out: the output ports of its sinks (nodes no connection leaves),
// and how one streamed item splits into port values.
import type { AnyNodeRegistry, AudioFrame, Manifest, PortType } from '@remotemedia/core';

export interface SinkPort {
  node: string;
  port: string;
  type: PortType;
  /**
   * Sent as binary audio: the first audio port of a sink that reports no JSON or text (so VAD's
   * passthrough of its input is not echoed back).
   */
  binary: boolean;
}

/** Told each port value of a streamed item, in the order of the sink's ports. */
export type EmitPortValue = (sink: SinkPort, value: unknown) => void;

export function sinkPortsOf(
  manifest: Manifest,
  registry: AnyNodeRegistry,
): Map<string, SinkPort[]> {
  const sources = new Set((manifest.connections ?? []).map((c) => c.from));
  const sinks = new Map<string, SinkPort[]>();
  for (const node of manifest.nodes) {
    if (sources.has(node.id)) continue;
    const outputs = registry.getMetadata(node.type)?.outputs ?? [];
    const reports = outputs.some((o) => o.type === 'json' || o.type === 'text');
    const audio = outputs.find((o) => o.type === 'audio' || o.type === 'any');
    sinks.set(
      node.id,
      outputs.map((o) => ({
        node: node.id,
        port: o.name,
        type: o.type,
        binary: !reports && o === audio,
      })),
    );
  }
  return sinks;
}

export const isAudioFrame = (v: unknown): v is AudioFrame =>
  typeof v === 'object' && v !== null && (v as AudioFrame).samples instanceof Float32Array;

/**
 * The port values in one item of `pipeline.stream()`, each given to `emit`: one sink yields its
 * value, several yield `{ nodeId, value }`; a sink of one port yields the value, of several a
 * record keyed by port.
 */
export function emitPortValues(
  item: unknown,
  sinks: Map<string, SinkPort[]>,
  emit: EmitPortValue,
): void {
  let nodeId: string;
  let value: unknown;
  if (sinks.size === 1) {
    nodeId = sinks.keys().next().value as string;
    value = item;
  } else {
    ({ nodeId, value } = item as { nodeId: string; value: unknown });
  }
  const ports = sinks.get(nodeId) ?? [];
  if (ports.length <= 1) {
    const sink = ports[0] ?? { node: nodeId, port: 'out', type: 'any', binary: true };
    if (value !== undefined) emit(sink, value);
    return;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  for (const sink of ports) {
    const portValue = record[sink.port];
    if (portValue !== undefined) emit(sink, portValue);
  }
}
