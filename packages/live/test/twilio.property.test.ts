// Twilio Media Streams messages come from any client that reaches /twilio: any text gives an event
// or a coded refusal (never a throw), valid events come back as sent, and a media payload of any
// bytes is whole G.711 samples or refused as too large.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyTextArb,
  holds,
  readsAnyInput,
  textWithEdits,
} from '../../../tools/testing/property.js';
import { decodeAudio } from '../src/codec.js';
import { LIVE_ERRORS, type Refusal } from '../src/index.js';
import type { Parsed } from '../src/protocol.js';
import {
  parseTwilioMessage,
  TWILIO_ENCODINGS,
  type TwilioMessage,
  twilioEncoding,
  twilioPayload,
} from '../src/twilio-protocol.js';

const MAX_FRAME_BYTES = 1024;

const mediaFormatArb = fc.record({
  encoding: fc.constantFrom(...Object.keys(TWILIO_ENCODINGS)),
  sampleRate: fc.constant(8000),
  channels: fc.constant(1),
});
const startArb = fc.record({
  event: fc.constant('start'),
  sequenceNumber: fc.string(),
  start: fc.record({
    streamSid: fc.string(),
    customParameters: fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 }),
    mediaFormat: mediaFormatArb,
  }),
});
const mediaArb = fc.record({
  event: fc.constant('media'),
  streamSid: fc.string(),
  media: fc.record({
    payload: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('base64')),
  }),
});
const eventArb = fc.oneof(
  startArb,
  mediaArb,
  fc.record({ event: fc.constantFrom('connected', 'stop'), streamSid: fc.string() }),
  fc.record({ event: fc.constant('dtmf'), dtmf: fc.record({ digit: fc.string() }) }),
  fc.record({ event: fc.constant('mark'), mark: fc.record({ name: fc.string() }) }),
);

/** A valid event's JSON text with characters replaced, cut out or inserted. */
const mutatedTextArb = textWithEdits(eventArb);

/** A valid start or media event with one field (at any level) replaced by any JSON value. */
const mutatedFieldArb = fc
  .tuple(
    fc.oneof(startArb, mediaArb),
    fc.constantFrom('event', 'start', 'media', 'payload', 'mediaFormat', 'encoding', 'sampleRate'),
    fc.constantFrom('channels', 'streamSid', 'customParameters'),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([event, key, otherKey, value]) => {
    const replace = (node: unknown): unknown => {
      if (typeof node !== 'object' || node === null) return node;
      const entries = Object.entries(node).map(([k, v]) => [
        k,
        k === key || k === otherKey ? value : replace(v),
      ]);
      return Object.fromEntries(entries);
    };
    return JSON.stringify(replace(event));
  });

/** The value, or undefined after checking the refusal carries a protocol code and a short reason. */
function readValue<T>(parsed: Parsed<T>): T | undefined {
  if (parsed.ok) return parsed.value;
  const refusal: Refusal = parsed.refusal;
  expect(Object.keys(LIVE_ERRORS)).toContain(refusal.code);
  expect(refusal.reason.length).toBeLessThan(200);
  return undefined;
}

/** Everything the session reads from one message: the event, then its format or payload. */
function readsAll(text: string): void {
  const message = readValue(parseTwilioMessage(text));
  if (message?.event === 'start') readValue(twilioEncoding(message.start.mediaFormat));
  if (message?.event === 'media') {
    const bytes = readValue(twilioPayload(message.media, MAX_FRAME_BYTES));
    if (bytes !== undefined) expect(bytes.byteLength).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  }
}

describe('Twilio messages on untrusted text', () => {
  readsAnyInput('live parseTwilioMessage', readsAll, {
    'any text gives an event or a coded refusal': anyTextArb,
    'mutated valid start and media events give a value or a coded refusal': [
      mutatedTextArb,
      mutatedFieldArb,
    ],
  });

  it('valid events come back as sent', () => {
    holds(
      'live parseTwilioMessage round trip',
      fc.property(eventArb, (event) => {
        const message = readValue(parseTwilioMessage(JSON.stringify(event))) as TwilioMessage;
        expect(message.event).toBe(event.event);
        if ('start' in event && message.event === 'start') {
          expect(message.start).toEqual({
            streamSid: event.start.streamSid,
            parameters: event.start.customParameters,
            mediaFormat: event.start.mediaFormat,
          });
          const encoding = TWILIO_ENCODINGS[event.start.mediaFormat.encoding];
          expect(twilioEncoding(message.start.mediaFormat)).toEqual({ ok: true, value: encoding });
        }
        if ('media' in event && message.event === 'media') {
          expect(message.media).toEqual(event.media);
        }
      }),
    );
  });

  it('a media payload of any bytes is whole G.711 samples or ERR_FRAME_TOO_LARGE', () => {
    holds(
      'live Twilio media payload',
      fc.property(
        fc.uint8Array({ maxLength: MAX_FRAME_BYTES + 64 }),
        fc.constantFrom(...Object.values(TWILIO_ENCODINGS)),
        (bytes, encoding) => {
          const parsed = twilioPayload(
            { payload: Buffer.from(bytes).toString('base64') },
            MAX_FRAME_BYTES,
          );
          if (bytes.byteLength > MAX_FRAME_BYTES) {
            expect(parsed.ok ? 'ok' : parsed.refusal.code).toBe('ERR_FRAME_TOO_LARGE');
            return;
          }
          if (!parsed.ok) throw new Error(parsed.refusal.reason);
          expect(Uint8Array.from(parsed.value)).toEqual(bytes);
          // The session drops an empty payload (Twilio sends none, but it is not an error).
          if (bytes.byteLength === 0) return;
          expect(decodeAudio(parsed.value, encoding).length).toBe(bytes.byteLength);
        },
      ),
    );
  });

  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  it.each([
    ['not an object', 'null', 'ERR_PROTOCOL'],
    ['an event nested too deep to print', `{"event":${deep}}`, 'ERR_PROTOCOL'],
  ])('refuses %s with its code', (_what, text, code) => {
    const parsed = parseTwilioMessage(text);
    expect(parsed.ok ? 'ok' : parsed.refusal.code).toBe(code);
  });

  it('refuses a mediaFormat nested too deep to print with ERR_UNSUPPORTED_FORMAT', () => {
    const text = `{"event":"start","start":{"streamSid":${deep},"mediaFormat":{"encoding":${deep}}}}`;
    const message = readValue(parseTwilioMessage(text));
    if (message?.event !== 'start') throw new Error(`expected a start, got ${message?.event}`);
    expect(message.start.streamSid).toBe('');
    const parsed = twilioEncoding(message.start.mediaFormat);
    expect(parsed.ok ? 'ok' : parsed.refusal.code).toBe('ERR_UNSUPPORTED_FORMAT');
  });
});
