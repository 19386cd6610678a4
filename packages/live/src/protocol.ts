// The client side of the live protocol as pure functions: text messages in, a message or the
// refusal that closes the connection out. No I/O, so it can be tested (and fuzzed) alone.
import type { Refusal } from './codes.js';

export const ENCODINGS = ['s16le', 'f32le', 'mulaw', 'alaw'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Bytes one sample of one channel takes on the wire. */
export const BYTES_PER_SAMPLE: Record<Encoding, number> = { s16le: 2, f32le: 4, mulaw: 1, alaw: 1 };

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 192_000;
export const MAX_CHANNELS = 8;

/** The audio a client sends after `start`. */
export interface StreamFormat {
  encoding: Encoding;
  sampleRate: number;
  channels: number;
}

export interface StartMessage extends StreamFormat {
  type: 'start';
  pipeline: string;
}

export interface StopMessage {
  type: 'stop';
}

export type ClientMessage = StartMessage | StopMessage;

export type Parsed<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const refuse = <T>(code: Refusal['code'], reason: string): Parsed<T> => ({
  ok: false,
  refusal: { code, reason },
});

const START_KEYS = new Set(['type', 'pipeline', 'encoding', 'sampleRate', 'channels']);

/** `value` for a refusal's reason. Arrays and objects are only named: JSON text may nest deeper
 * than `JSON.stringify` can recurse, and the reason is cut to 40 characters anyway. */
export function shown(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * A text message as a JSON object, else an ERR_PROTOCOL refusal saying that a `what` must be JSON
 * (an object with a `key`).
 */
export function parseJsonObject(
  text: string,
  what: string,
  key: string,
): Parsed<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse('ERR_PROTOCOL', `${what} must be JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refuse('ERR_PROTOCOL', `${what} must be a JSON object with ${key}`);
  }
  return { ok: true, value: data as Record<string, unknown> };
}

/** A text message from the client: `start` or `stop`. */
export function parseClientMessage(text: string): Parsed<ClientMessage> {
  const parsed = parseJsonObject(text, 'a text message', 'a "type"');
  if (!parsed.ok) return parsed;
  const message = parsed.value;
  if (message.type === 'stop') return { ok: true, value: { type: 'stop' } };
  if (message.type === 'start') return parseStart(message);
  return refuse(
    'ERR_PROTOCOL',
    `unknown message type ${shown(message.type)}; the client sends "start" then audio, then "stop"`,
  );
}

function parseStart(message: Record<string, unknown>): Parsed<ClientMessage> {
  const unknown = Object.keys(message).find((key) => !START_KEYS.has(key));
  if (unknown !== undefined) {
    return refuse(
      'ERR_PROTOCOL',
      `unknown key ${shown(unknown)} in start; allowed: ${[...START_KEYS].join(', ')}`,
    );
  }
  const { pipeline, encoding, sampleRate, channels = 1 } = message;
  if (typeof pipeline !== 'string' || pipeline.length === 0) {
    return refuse('ERR_PROTOCOL', 'start needs "pipeline", the name of a served pipeline');
  }
  if (!ENCODINGS.includes(encoding as Encoding)) {
    return refuse(
      'ERR_UNSUPPORTED_FORMAT',
      `encoding ${shown(encoding)} is not supported; use one of ${ENCODINGS.join(', ')}`,
    );
  }
  if (
    !Number.isInteger(sampleRate) ||
    (sampleRate as number) < MIN_SAMPLE_RATE ||
    (sampleRate as number) > MAX_SAMPLE_RATE
  ) {
    return refuse(
      'ERR_UNSUPPORTED_FORMAT',
      `sampleRate ${shown(sampleRate)} is not supported; use an integer from ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE} Hz`,
    );
  }
  if (
    !Number.isInteger(channels) ||
    (channels as number) < 1 ||
    (channels as number) > MAX_CHANNELS
  ) {
    return refuse(
      'ERR_UNSUPPORTED_FORMAT',
      `channels ${shown(channels)} is not supported; use an integer from 1 to ${MAX_CHANNELS}`,
    );
  }
  return {
    ok: true,
    value: {
      type: 'start',
      pipeline,
      encoding: encoding as Encoding,
      sampleRate: sampleRate as number,
      channels: channels as number,
    },
  };
}

/** Checks a binary audio message's size: undefined when it holds whole sample frames. */
export function checkAudioFrame(
  byteLength: number,
  format: StreamFormat,
  maxFrameBytes: number,
): Refusal | undefined {
  if (byteLength > maxFrameBytes) {
    return {
      code: 'ERR_FRAME_TOO_LARGE',
      reason: `an audio frame of ${byteLength} bytes is over the limit of ${maxFrameBytes}; send 20 ms frames`,
    };
  }
  const step = BYTES_PER_SAMPLE[format.encoding] * format.channels;
  if (byteLength === 0 || byteLength % step !== 0) {
    return {
      code: 'ERR_BAD_FRAME',
      reason: `an audio frame of ${byteLength} bytes is not a whole number of ${format.channels}-channel ${format.encoding} samples (${step} bytes each)`,
    };
  }
  return undefined;
}
