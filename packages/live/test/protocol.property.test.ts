// The live protocol reads text and binary messages from any WebSocket client: any text gives a
// message or a coded refusal (never a throw), valid messages come back equal, and a binary frame of
// any length is whole samples of the announced format or a refusal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyTextArb,
  holds,
  readsAnyInput,
  textWithEdits,
} from '../../../tools/testing/property.js';
import { decodeAudio } from '../src/codec.js';
import {
  BYTES_PER_SAMPLE,
  type ClientMessage,
  checkAudioFrame,
  ENCODINGS,
  LIVE_ERRORS,
  parseClientMessage,
  type StreamFormat,
} from '../src/index.js';
import { MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from '../src/protocol.js';

const formatArb: fc.Arbitrary<StreamFormat> = fc.record({
  encoding: fc.constantFrom(...ENCODINGS),
  sampleRate: fc.integer({ min: MIN_SAMPLE_RATE, max: MAX_SAMPLE_RATE }),
  channels: fc.integer({ min: 1, max: MAX_CHANNELS }),
});
const messageArb: fc.Arbitrary<ClientMessage> = fc.oneof(
  fc
    .record({ type: fc.constant('start' as const), pipeline: fc.string({ minLength: 1 }) })
    .chain((head) => formatArb.map((format) => ({ ...head, ...format }))),
  fc.constant({ type: 'stop' as const }),
);

/** A valid message's JSON text with characters replaced, cut out or inserted. */
const mutatedTextArb = textWithEdits(messageArb);

/** A valid start with one field replaced by (or one key added with) any JSON value. */
const mutatedStartArb = fc
  .tuple(
    messageArb.filter((m) => m.type === 'start'),
    fc.constantFrom('type', 'pipeline', 'encoding', 'sampleRate', 'channels', 'extra'),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([start, key, value]) => JSON.stringify({ ...start, [key]: value }));

/** Parses `text`; a refusal must carry a code of the protocol and a short reason. */
function parses(text: string): ClientMessage | undefined {
  const parsed = parseClientMessage(text);
  if (parsed.ok) return parsed.value;
  expect(Object.keys(LIVE_ERRORS)).toContain(parsed.refusal.code);
  expect(parsed.refusal.reason.length).toBeLessThan(200);
  return undefined;
}

describe('parseClientMessage on untrusted text', () => {
  readsAnyInput('live parseClientMessage', parses, {
    'any text gives a message or a coded refusal': anyTextArb,
    'mutated valid messages give a message or a coded refusal': [mutatedTextArb, mutatedStartArb],
  });

  it('every valid message comes back equal', () => {
    holds(
      'live parseClientMessage round trip',
      fc.property(messageArb, (message) => {
        expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
      }),
    );
  });

  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  it.each([
    ['type', `{"type":${deep}}`, 'ERR_PROTOCOL'],
    ['encoding', `{"type":"start","pipeline":"p","encoding":${deep}}`, 'ERR_UNSUPPORTED_FORMAT'],
  ])(
    'a %s nested deeper than JSON.stringify recurses is refused with its code',
    (_key, text, code) => {
      const parsed = parseClientMessage(text);
      expect(parsed.ok ? 'ok' : parsed.refusal.code).toBe(code);
    },
  );
});

describe('binary audio frames of any length', () => {
  const MAX_FRAME_BYTES = 4096;

  it('give whole samples of every channel or ERR_BAD_FRAME / ERR_FRAME_TOO_LARGE', () => {
    holds(
      'live binary frames',
      fc.property(
        formatArb,
        fc.uint8Array({ maxLength: MAX_FRAME_BYTES + 64 }),
        (format, bytes) => {
          const problem = checkAudioFrame(bytes.byteLength, format, MAX_FRAME_BYTES);
          const step = BYTES_PER_SAMPLE[format.encoding] * format.channels;
          if (bytes.byteLength > MAX_FRAME_BYTES) {
            expect(problem?.code).toBe('ERR_FRAME_TOO_LARGE');
            return;
          }
          if (bytes.byteLength === 0 || bytes.byteLength % step !== 0) {
            // A half frame (or an empty one) is refused, never decoded.
            expect(problem?.code).toBe('ERR_BAD_FRAME');
            return;
          }
          expect(problem).toBeUndefined();
          expect(bytes.byteLength % step).toBe(0);
          const samples = decodeAudio(bytes, format.encoding);
          expect(samples.length).toBe(bytes.byteLength / BYTES_PER_SAMPLE[format.encoding]);
          expect(samples.length % format.channels).toBe(0);
        },
      ),
    );
  });
});
