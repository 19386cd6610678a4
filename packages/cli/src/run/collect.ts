// Gathers what the pipeline's sinks produce, port by port, using the ports' declared types:
// audio frames are concatenated (for --output) in the first frame's format, json values are
// appended (for --json), each with the input position it came out at (for --report).
import type { AudioFrame, NodeMetadata, PortType } from '@remotemedia/core';
import { AudioConformer, type AudioFormat, type ConvertTools } from './conform-audio.js';

export interface SinkPorts {
  id: string;
  /** Output ports; one port = the value itself, several = a record keyed by port name. */
  outputs: readonly { name: string; type: PortType }[];
}

interface AudioTrack {
  chunks: Float32Array[];
  length: number;
  conformer: AudioConformer;
}

const isAudioFrame = (v: unknown): v is AudioFrame =>
  typeof v === 'object' && v !== null && (v as AudioFrame).samples instanceof Float32Array;

export class OutputCollector {
  readonly #sinks: Map<string, SinkPorts>;
  /** sink id -> port -> values (json/text) or a byte count (bytes). */
  readonly values: Record<string, Record<string, unknown>> = {};
  /** sink id -> json port -> per value, the input position (ms fed) when it came out. */
  readonly arrivals: Record<string, Record<string, number[]>> = {};
  #audio: AudioTrack | undefined;
  #audioPort: string | undefined;

  readonly #tools: ConvertTools | undefined;
  /** Frames left out of the audio, with why (one line per distinct reason). */
  readonly warnings: string[] = [];

  /**
   * With `tools`, the audio of the first audio port is kept (for --output), frames in another
   * format than the first converted by them; without, only its duration is counted.
   */
  constructor(sinks: readonly SinkPorts[], tools?: ConvertTools) {
    this.#tools = tools;
    this.#sinks = new Map(sinks.map((s) => [s.id, s]));
    for (const s of sinks) {
      this.values[s.id] = {};
      this.arrivals[s.id] = {};
    }
  }

  /** `atMs`: how much input had been fed when `value` came out. */
  add(sinkId: string, value: unknown, atMs = 0): void {
    const sink = this.#sinks.get(sinkId);
    if (sink === undefined || value === undefined) return;
    if (sink.outputs.length <= 1) {
      this.#addPort(sinkId, sink.outputs[0] ?? { name: 'out', type: 'any' }, value, atMs);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const port of sink.outputs) {
      if (record[port.name] !== undefined) this.#addPort(sinkId, port, record[port.name], atMs);
    }
  }

  /**
   * The audio of the first sink port that carried audio, as one interleaved buffer in its first
   * frame's format; `converted` counts the frames that had another format.
   */
  audio(): (AudioFormat & { samples: Float32Array; converted: number }) | undefined {
    const track = this.#audio;
    if (track === undefined) return undefined;
    for (const tail of track.conformer.flush()) this.#append(track, tail);
    const samples = new Float32Array(track.length);
    let at = 0;
    for (const chunk of track.chunks) {
      samples.set(chunk, at);
      at += chunk.length;
    }
    return { samples, ...track.conformer.target, converted: track.conformer.converted };
  }

  #addPort(
    sinkId: string,
    port: { name: string; type: PortType },
    value: unknown,
    atMs: number,
  ): void {
    const key = `${sinkId}.${port.name}`;
    if ((port.type === 'audio' || port.type === 'any') && isAudioFrame(value)) {
      this.#audioPort ??= key;
      if (this.#audioPort === key) this.#addAudio(value);
      const store = this.values[sinkId] as Record<string, { durationMs: number }>;
      const durationMs =
        (store[port.name]?.durationMs ?? 0) +
        (value.samples.length / value.channels / value.sampleRate) * 1000;
      store[port.name] = { durationMs };
      return;
    }
    const store = this.values[sinkId] as Record<string, unknown>;
    if (port.type === 'bytes' && value instanceof Uint8Array) {
      store[port.name] = ((store[port.name] as number | undefined) ?? 0) + value.byteLength;
      return;
    }
    const list = (store[port.name] as unknown[] | undefined) ?? [];
    const arrivals = this.arrivals[sinkId] as Record<string, number[]>;
    const at = arrivals[port.name] ?? [];
    // One by one: spreading a long array (a value per sample) overflows the call stack.
    if (Array.isArray(value)) {
      for (const item of value) {
        list.push(item);
        at.push(atMs);
      }
    } else {
      list.push(value);
      at.push(atMs);
    }
    store[port.name] = list;
    arrivals[port.name] = at;
  }

  #addAudio(frame: AudioFrame): void {
    if (this.#tools === undefined || frame.samples.length === 0) return;
    this.#audio ??= {
      chunks: [],
      length: 0,
      conformer: new AudioConformer(frame, this.#tools),
    };
    let chunks: Float32Array[];
    try {
      chunks = this.#audio.conformer.push(frame);
    } catch (error) {
      // One odd frame must not end the run: it is left out of the file, and said so.
      const reason = `a ${frame.sampleRate} Hz ${frame.channels}-channel frame could not be converted for --output (${(error as Error).message}); left out`;
      if (!this.warnings.includes(reason)) this.warnings.push(reason);
      return;
    }
    for (const chunk of chunks) this.#append(this.#audio, chunk);
  }

  #append(track: AudioTrack, chunk: Float32Array): void {
    track.chunks.push(chunk);
    track.length += chunk.length;
  }
}

/** Sinks of a manifest: nodes no connection leaves. */
export function sinkPorts(
  nodes: readonly { id: string; type: string }[],
  connections: readonly { from: string }[],
  metadataOf: (type: string) => NodeMetadata | undefined,
): SinkPorts[] {
  const sources = new Set(connections.map((c) => c.from));
  return nodes
    .filter((n) => !sources.has(n.id))
    .map((n) => ({ id: n.id, outputs: [...(metadataOf(n.type)?.outputs ?? [])] }));
}
