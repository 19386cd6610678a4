// Introspection events arrive from any worker over JetStream or Kafka: any bytes parse to a valid
// envelope or ERR_INVALID_INPUT, and every envelope makeEnvelope builds survives the trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byteArb,
  holds,
  outcome,
  readsAnyInput,
  withSplices,
} from '../../../tools/testing/property.js';
import {
  ENVELOPE_MAX_BYTES,
  EventTypes,
  encodeEnvelope,
  makeEnvelope,
  NodeKinds,
  parseEnvelope,
  validateEnvelope,
} from '../src/index.js';

const nodeId = fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/);
// Values as JSON gives them back (no -0, which JSON writes as 0).
const jsonValue = fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown);
const open = fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4 });
const envelopeArb = fc
  .tuple(
    fc.constantFrom(...EventTypes),
    nodeId,
    fc.constantFrom(...NodeKinds),
    open,
    open,
    open,
    fc.option(fc.string({ maxLength: 128 }), { nil: undefined }),
    fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
  )
  .map(([type, id, kind, capabilities, endpoints, metadata, correlationId, now]) =>
    makeEnvelope(type, id, {
      now,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(type === 'REGISTRY_REQUEST_INTROSPECTION'
        ? {}
        : { payload: { node_id: id, node_type: kind, capabilities, endpoints, metadata } }),
    }),
  );

/** An encoded envelope with 1 to 3 splices: up to 3 bytes out, one in. */
const mutatedArb = withSplices(envelopeArb, (event) => [...encodeEnvelope(event)], byteArb, {
  minEdits: 1,
  maxEdits: 3,
  maxRemove: 3,
}).map((bytes) => Uint8Array.from(bytes));

const parses = (bytes: Uint8Array) => outcome(() => parseEnvelope(bytes), ['ERR_INVALID_INPUT']);

describe('introspection envelopes from untrusted workers', () => {
  readsAnyInput('parseEnvelope', parses, {
    'any bytes give an envelope or ERR_INVALID_INPUT': fc.uint8Array({ maxLength: 300 }),
    'mutated envelopes give an envelope or ERR_INVALID_INPUT': mutatedArb,
  });

  it('any value validates or gives ERR_INVALID_INPUT', () => {
    holds(
      'validateEnvelope (values)',
      fc.property(
        fc.oneof(
          fc.anything(),
          envelopeArb.map((e) => ({ ...e, extra: 1 })),
        ),
        (v) => {
          outcome(() => validateEnvelope(v), ['ERR_INVALID_INPUT']);
        },
      ),
    );
  });

  it('every envelope makeEnvelope builds comes back equal', () => {
    holds(
      'encodeEnvelope/parseEnvelope round trip',
      fc.property(envelopeArb, (event) => {
        expect(parseEnvelope(encodeEnvelope(event))).toEqual(event);
      }),
    );
  });

  it('refuses events over the size limit before decoding them', () => {
    const bytes = new Uint8Array(ENVELOPE_MAX_BYTES + 1).fill(0x20);
    expect(() => parseEnvelope(bytes)).toThrow(/over the 1048576-byte limit/);
  });

  it('refuses deeply nested JSON with a code', () => {
    const deep = `{"envelope_version":1,"payload":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(parses(new TextEncoder().encode(deep))).toBe('ERR_INVALID_INPUT');
  });

  it('refuses a value that is not bytes', () => {
    expect(() => parseEnvelope('{}' as unknown as Uint8Array)).toThrow(
      /expected bytes, got string/,
    );
  });
});
