// Twilio Media Streams messages as pure functions: text in, an event or the refusal that closes
// the call out. No I/O, so it can be tested (and fuzzed) alone; the session adds the state.
import { type Encoding, type Parsed, parseJsonObject, refuse, shown } from './protocol.js';

/** The `mediaFormat.encoding` values Twilio sends, as protocol encodings. */
export const TWILIO_ENCODINGS: Readonly<Record<string, Encoding>> = {
  'audio/x-mulaw': 'mulaw',
  'audio/x-alaw': 'alaw',
};
export const TWILIO_SAMPLE_RATE = 8000;

/** What a `start` event says: the call's id and the string-valued custom parameters. */
export interface TwilioStart {
  streamSid: string;
  parameters: Readonly<Record<string, string>>;
  mediaFormat: unknown;
}

export type TwilioMessage =
  | { event: 'connected' | 'stop' }
  | { event: 'start'; start: TwilioStart }
  | { event: 'media'; media: unknown }
  | { event: 'dtmf' | 'mark'; value: unknown };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text message from Twilio. */
export function parseTwilioMessage(text: string): Parsed<TwilioMessage> {
  const parsed = parseJsonObject(text, 'a Twilio message', 'an "event"');
  if (!parsed.ok) return parsed;
  const message = parsed.value;
  switch (message.event) {
    case 'connected':
    case 'stop':
      return { ok: true, value: { event: message.event } };
    case 'start':
      return { ok: true, value: { event: 'start', start: readStart(message.start) } };
    case 'media':
      return { ok: true, value: { event: 'media', media: message.media } };
    case 'dtmf':
    case 'mark':
      return { ok: true, value: { event: message.event, value: message[message.event] } };
    default:
      return refuse('ERR_PROTOCOL', `unknown Twilio event ${shown(message.event)}`);
  }
}

function readStart(start: unknown): TwilioStart {
  const fields = isObject(start) ? start : {};
  const custom = isObject(fields.customParameters) ? fields.customParameters : {};
  const parameters = Object.fromEntries(
    Object.entries(custom).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const streamSid = typeof fields.streamSid === 'string' ? fields.streamSid : '';
  return { streamSid, parameters, mediaFormat: fields.mediaFormat };
}

/** The encoding of a start's `mediaFormat`: G.711 at 8 kHz, one channel, or a refusal. */
export function twilioEncoding(mediaFormat: unknown): Parsed<Encoding> {
  const format = isObject(mediaFormat) ? mediaFormat : {};
  const encoding =
    typeof format.encoding === 'string' && Object.hasOwn(TWILIO_ENCODINGS, format.encoding)
      ? TWILIO_ENCODINGS[format.encoding]
      : undefined;
  if (
    encoding === undefined ||
    format.sampleRate !== TWILIO_SAMPLE_RATE ||
    (format.channels ?? 1) !== 1
  ) {
    return refuse(
      'ERR_UNSUPPORTED_FORMAT',
      `mediaFormat ${shown(format.encoding)}, ${shown(format.sampleRate)} Hz, ${shown(format.channels ?? 1)} channel(s) is not supported; Twilio sends audio/x-mulaw, 8000 Hz, 1 channel`,
    );
  }
  return { ok: true, value: encoding };
}

/** The audio bytes of a `media` event: its base64 payload, at most `maxFrameBytes` of it. */
export function twilioPayload(media: unknown, maxFrameBytes: number): Parsed<Uint8Array> {
  const payload = isObject(media) ? media.payload : undefined;
  if (typeof payload !== 'string') {
    return refuse('ERR_PROTOCOL', 'media without a base64 payload');
  }
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.byteLength > maxFrameBytes) {
    return refuse(
      'ERR_FRAME_TOO_LARGE',
      `a media payload of ${bytes.byteLength} bytes is over the limit of ${maxFrameBytes}`,
    );
  }
  return { ok: true, value: bytes };
}
