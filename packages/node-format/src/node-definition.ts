// The FormatConverter node for the registry of @remotemedia/core (structurally typed: this package
// does not depend on core at run time).
import { expectAudioFrame, RemoteMediaError, rejectUnknownKeys } from '@remotemedia/errors';
import { kitMetadata, kitNative } from './kit.js';
import { downmix, remap, upmix } from './layout.js';
import { fromFloat32, type SampleFormat } from './sample-format.js';
import { describe, invalidParam } from './validate.js';

export interface AudioFrame {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  timestamp?: number;
}

export interface FormatConverterParams {
  /** Also emit the frame as little-endian integer PCM bytes on the `pcm` output. @default 'f32' */
  format?: SampleFormat | 'f32';
  /** Channel count of the output frame; by default the input's. */
  channels?: number;
  /** When set, every frame must have this sample rate (resampling is node-resample's job). */
  sampleRate?: number;
  /** TPDF dither when producing integer PCM. @default false */
  dither?: boolean;
}

export interface FormatConverterOutput {
  audio: AudioFrame;
  pcm?: Buffer;
}

const FORMATS = ['f32', 's16', 's24', 's32', 'u8'] as const;

export const FormatConverterMetadata = kitMetadata('FormatConverter');
const allowedParams = Object.keys(FormatConverterMetadata.params.properties);

function checkParams(
  params: unknown,
): Required<Pick<FormatConverterParams, 'format' | 'dither'>> & FormatConverterParams {
  const p = (params ?? {}) as Record<string, unknown>;
  if (typeof p !== 'object' || Array.isArray(p)) throw invalidParam('params must be an object');
  rejectUnknownKeys(p, allowedParams, 'param', 'FormatConverter');
  const format = (p.format ?? 'f32') as FormatConverterParams['format'];
  if (!FORMATS.includes(format as never)) {
    throw invalidParam(`format must be one of f32, s16, s24, s32, u8, got ${describe(p.format)}`);
  }
  for (const key of ['channels', 'sampleRate'] as const) {
    const v = p[key];
    const max = key === 'channels' ? 64 : Number.MAX_SAFE_INTEGER;
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max)) {
      throw invalidParam(`${key} must be an integer between 1 and ${max}, got ${describe(v)}`);
    }
  }
  if (p.dither !== undefined && typeof p.dither !== 'boolean') {
    throw invalidParam(`dither must be a boolean, got ${describe(p.dither)}`);
  }
  return { ...(p as FormatConverterParams), format: format ?? 'f32', dither: p.dither === true };
}

/** Default gain matrix for N -> M channels: the first min(N, M) channels pass, the rest are 0. */
function passThroughMatrix(from: number, to: number): number[][] {
  return Array.from({ length: to }, (_, r) =>
    Array.from({ length: from }, (_, c) => (r === c ? 1 : 0)),
  );
}

export class FormatConverterInstance {
  readonly #params: ReturnType<typeof checkParams>;
  readonly #matrices = new Map<string, number[][]>();
  #closed = false;

  constructor(params: FormatConverterParams = {}) {
    this.#params = checkParams(params);
  }

  process(frame: AudioFrame): FormatConverterOutput {
    if (this.#closed)
      throw new RemoteMediaError('ERR_CLOSED', 'FormatConverter was used after close()');
    expectAudioFrame(frame, 'FormatConverter');
    const { sampleRate } = this.#params;
    if (sampleRate !== undefined && frame.sampleRate !== sampleRate) {
      throw new RemoteMediaError(
        'ERR_INVALID_INPUT',
        `frame sample rate ${frame.sampleRate} Hz does not match the configured ${sampleRate} Hz; put an AudioResample node before FormatConverter`,
      );
    }
    const audio = this.#convertLayout(frame);
    if (this.#params.format === 'f32') return { audio };
    const ints = fromFloat32(audio.samples, this.#params.format, { dither: this.#params.dither });
    const pcm = Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength);
    return { audio, pcm };
  }

  close(): void {
    this.#closed = true;
  }

  #convertLayout(frame: AudioFrame): AudioFrame {
    const to = this.#params.channels ?? frame.channels;
    const from = frame.channels;
    if (to === from) return frame;
    let samples: Float32Array;
    if (to === 1) samples = downmix(frame.samples, from);
    else if (from === 1) samples = upmix(frame.samples, to);
    else {
      const key = `${from}>${to}`;
      let matrix = this.#matrices.get(key);
      if (matrix === undefined) {
        matrix = passThroughMatrix(from, to);
        this.#matrices.set(key, matrix);
      }
      samples = remap(frame.samples, matrix);
    }
    return { ...frame, samples, channels: to };
  }
}

/** Node definition for the registry: `NodeRegistry.builder().rust(FormatConverter)`. */
export const FormatConverter = {
  type: 'FormatConverter',
  runtime: 'rust',
  metadata: FormatConverterMetadata,
  native: kitNative,
  create: (params: FormatConverterParams = {}) => new FormatConverterInstance(params),
} as const;
