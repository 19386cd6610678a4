// The VAD node for the registry of @remotemedia/core (structurally typed: this package does not
// depend on core at run time).
import { expectAudioFrame, RemoteMediaError } from '@remotemedia/errors';
import { kitMetadata, kitNative } from './kit.js';
import type { SegmentOptions } from './options.js';
import { type SegmentEvent, Vad, type VadDecision } from './vad.js';
import {
  checkChannels,
  checkEngine,
  checkFrameMs,
  checkMaxSpeechMs,
  checkMode,
  checkMs,
  checkProbability,
  checkRate,
  describe,
  type FrameMs,
  invalidInput,
  invalidParam,
  rejectUnknownKeys,
  type VadEngine,
  type VadMode,
} from './validate.js';

export interface AudioFrame {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  timestamp?: number;
}

export interface VadParams extends SegmentOptions {
  /** Expected input rate; by default the first frame's. Frames at another rate are rejected. */
  sampleRate?: number;
  /** Expected channel count; by default the first frame's. */
  channels?: number;
  engine?: VadEngine;
  mode?: VadMode;
  frameMs?: FrameMs;
  threshold?: number;
  negThreshold?: number;
}

/** What one call returns; a key is missing when that port has nothing for this call. */
export interface VadOutput {
  /** The input frame, unchanged. */
  audio?: AudioFrame;
  /** Decisions of the frames completed by this input (times on the input frames' timeline). */
  decisions?: VadDecision[];
  events?: SegmentEvent[];
}

export const VadMetadata = kitMetadata('VAD');

function checkParams(params: unknown): VadParams {
  if (params === undefined) return {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw invalidParam(`VAD params must be an object, got ${describe(params)}`);
  }
  const p = params as Record<string, unknown>;
  rejectUnknownKeys(p, Object.keys(VadMetadata.params.properties), 'param', 'VAD');
  // Every field is checked now, so a bad one fails at create() rather than at the first frame.
  if (p.sampleRate !== undefined) checkRate(p.sampleRate);
  if (p.channels !== undefined) checkChannels(p.channels);
  const engine = p.engine === undefined ? 'webrtc' : checkEngine(p.engine);
  if (p.mode !== undefined) checkMode(p.mode);
  if (p.frameMs !== undefined) checkFrameMs(p.frameMs, engine);
  if (p.threshold !== undefined) checkProbability(p.threshold, 'threshold');
  if (p.negThreshold !== undefined) checkProbability(p.negThreshold, 'negThreshold', 0, true);
  for (const key of ['speechPadMs', 'minSpeechMs', 'minSilenceMs'] as const) {
    if (p[key] !== undefined) checkMs(p[key], key);
  }
  checkMaxSpeechMs(p.maxSpeechMs);
  return p as VadParams;
}

export class VadInstance {
  readonly #params: VadParams;
  #vad: Vad | undefined;
  #events: SegmentEvent[] = [];
  /** Timestamp (ms) of the stream's first frame, added to every decision and event. */
  #offsetMs = 0;
  #started = false;
  #closed = false;

  constructor(params: VadParams) {
    this.#params = checkParams(params);
  }

  process(frame: AudioFrame): VadOutput {
    this.#checkOpen();
    const vad = this.#vadFor(frame);
    if (!this.#started) {
      this.#started = true;
      this.#offsetMs = frame.timestamp ?? 0;
    }
    return { audio: frame, ...this.#output(vad.process(frame.samples)) };
  }

  /** End of stream: the last decisions and the end of an open segment; then a new stream. */
  flush(): VadOutput | undefined {
    this.#checkOpen();
    if (this.#vad === undefined) return undefined;
    const out = this.#output(this.#vad.flush());
    this.#started = false;
    return out.decisions === undefined && out.events === undefined ? undefined : out;
  }

  close(): void {
    this.#closed = true;
    this.#vad?.close();
  }

  #checkOpen(): void {
    if (this.#closed) throw new RemoteMediaError('ERR_CLOSED', 'VAD was used after close()');
  }

  #vadFor(frame: AudioFrame): Vad {
    expectAudioFrame(frame, 'VAD');
    const rate = this.#vad?.sampleRate ?? this.#params.sampleRate ?? frame.sampleRate;
    const channels = this.#vad?.channels ?? this.#params.channels ?? frame.channels;
    if (frame.sampleRate !== rate) {
      throw invalidInput(
        `frame sample rate ${frame.sampleRate} Hz does not match the stream's ${rate} Hz; a rate change needs a new VAD node`,
      );
    }
    if (frame.channels !== channels) {
      throw invalidInput(
        `frame has ${frame.channels} channels but the stream has ${channels}; convert the layout first (FormatConverter)`,
      );
    }
    this.#vad ??= new Vad({
      ...this.#params,
      sampleRate: rate,
      channels,
      onSegment: (event) => this.#events.push(event),
    });
    return this.#vad;
  }

  #output(decisions: VadDecision[]): Omit<VadOutput, 'audio'> {
    const out: Omit<VadOutput, 'audio'> = {};
    const offset = this.#offsetMs;
    if (decisions.length > 0) {
      out.decisions = decisions.map((d) => ({
        startMs: d.startMs + offset,
        endMs: d.endMs + offset,
        speech: d.speech,
        probability: d.probability,
      }));
    }
    if (this.#events.length > 0) {
      out.events = this.#events.map((e) =>
        e.type === 'speechStart'
          ? { type: e.type, startMs: e.startMs + offset }
          : { type: e.type, startMs: e.startMs + offset, endMs: e.endMs + offset },
      );
      this.#events = [];
    }
    return out;
  }
}

/** Node definition for the registry: `NodeRegistry.builder().rust(VAD)`. */
export const VAD = {
  type: 'VAD',
  runtime: 'rust',
  metadata: VadMetadata,
  native: kitNative,
  create(params: VadParams = {}): VadInstance {
    return new VadInstance(params);
  },
} as const;
