// Introspection events: what a worker says about itself (NODE_INTROSPECTION, NODE_SHUTDOWN) and
// what a registry asks of every worker (REGISTRY_REQUEST_INTROSPECTION), in one versioned
// envelope validated with a JSON Schema on both sides.
import { randomUUID } from 'node:crypto';
import { checkParams } from '@remotemedia/core';
import { describeValue, RemoteMediaError } from '@remotemedia/errors';
import { type Static, Type } from 'typebox';

export const ENVELOPE_VERSION = 1;
/** Bytes of one encoded event: any worker can publish one, so larger ones are refused unread. */
export const ENVELOPE_MAX_BYTES = 1 << 20;

export const EventTypes = [
  'NODE_INTROSPECTION',
  'NODE_SHUTDOWN',
  'REGISTRY_REQUEST_INTROSPECTION',
] as const;
export type EventType = (typeof EventTypes)[number];

export const NodeKinds = ['effect', 'compute', 'reducer', 'orchestrator'] as const;
export type NodeKind = (typeof NodeKinds)[number];

const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,128}$' });
const Open = Type.Record(Type.String(), Type.Unknown());

export const IntrospectionPayloadSchema = Type.Object(
  {
    node_id: Id,
    node_type: Type.Union([
      Type.Literal('effect'),
      Type.Literal('compute'),
      Type.Literal('reducer'),
      Type.Literal('orchestrator'),
    ]),
    capabilities: Open,
    endpoints: Open,
    metadata: Open,
  },
  { additionalProperties: false },
);

export const EnvelopeSchema = Type.Object(
  {
    envelope_version: Type.Literal(ENVELOPE_VERSION),
    event_id: Type.String({ minLength: 1, maxLength: 128 }),
    event_type: Type.Union([
      Type.Literal('NODE_INTROSPECTION'),
      Type.Literal('NODE_SHUTDOWN'),
      Type.Literal('REGISTRY_REQUEST_INTROSPECTION'),
    ]),
    /** ISO 8601 with milliseconds, UTC. */
    event_timestamp: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$',
    }),
    source_node_id: Id,
    correlation_id: Type.Optional(Type.String({ maxLength: 128 })),
    payload: Type.Optional(IntrospectionPayloadSchema),
  },
  { additionalProperties: false },
);

export type IntrospectionPayload = Static<typeof IntrospectionPayloadSchema>;
export type Envelope = Static<typeof EnvelopeSchema>;

/** A new envelope with a fresh id and the current time. */
export function makeEnvelope(
  eventType: EventType,
  sourceNodeId: string,
  extra: { payload?: IntrospectionPayload; correlationId?: string; now?: Date } = {},
): Envelope {
  return {
    envelope_version: ENVELOPE_VERSION,
    event_id: randomUUID(),
    event_type: eventType,
    event_timestamp: (extra.now ?? new Date()).toISOString(),
    source_node_id: sourceNodeId,
    ...(extra.correlationId === undefined ? {} : { correlation_id: extra.correlationId }),
    ...(extra.payload === undefined ? {} : { payload: extra.payload }),
  };
}

/**
 * Checks a decoded event against the schema (and that node events carry a payload whose
 * node_id is the source); throws ERR_INVALID_INPUT naming every offending field.
 */
export function validateEnvelope(value: unknown): Envelope {
  const issues = checkParams(EnvelopeSchema, value).map((i) =>
    i.message.replace(/\bparams\b/g, 'event'),
  );
  if (issues.length === 0) {
    const event = value as Envelope;
    // The pattern admits impossible dates (month 13); the bridge orders events by this time.
    if (!Number.isFinite(Date.parse(event.event_timestamp))) {
      issues.push(`event.event_timestamp is not a valid date: ${event.event_timestamp}`);
    }
    if (event.event_type !== 'REGISTRY_REQUEST_INTROSPECTION' && event.payload === undefined) {
      issues.push(`event.payload is required for ${event.event_type}`);
    } else if (event.payload !== undefined && event.payload.node_id !== event.source_node_id) {
      issues.push('event.payload.node_id must equal event.source_node_id');
    }
  }
  if (issues.length > 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `invalid introspection event: ${issues.join('; ')}`,
    );
  }
  return value as Envelope;
}

/** Parses JSON bytes and validates them; ERR_INVALID_INPUT for either failure. */
export function parseEnvelope(bytes: Uint8Array): Envelope {
  if (!(bytes instanceof Uint8Array)) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `invalid introspection event: expected bytes, got ${describeValue(bytes)}`,
    );
  }
  if (bytes.byteLength > ENVELOPE_MAX_BYTES) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `invalid introspection event: ${bytes.byteLength} bytes, over the ${ENVELOPE_MAX_BYTES}-byte limit`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `invalid introspection event: not JSON (${(error as Error).message})`,
    );
  }
  return validateEnvelope(value);
}

export function encodeEnvelope(event: Envelope): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(event));
}
