// @remotemedia/remote: remote nodes over NATS.
export { BidiStream } from './client/bidi.js';
export {
  type CallOptions,
  type ClientOptions,
  RemoteClient,
  type StreamCallOptions,
} from './client/client.js';
export type { SessionHandle } from './client/session.js';
export { decode, encode } from './codec.js';
export type { ConnectionOptions } from './connect.js';
export { type ConnectionOptions as NatsConnectionOptions, openConnection } from './connect.js';
export {
  DEFAULT_BUCKET,
  DEFAULT_ENTRY_TTL_MS,
  type WorkerAnnouncement,
} from './discovery.js';
export { remoteCause, type WireError } from './errors.js';
export {
  ENVELOPE_VERSION,
  type Envelope,
  EnvelopeSchema,
  type EventType,
  EventTypes,
  encodeEnvelope,
  type IntrospectionPayload,
  makeEnvelope,
  type NodeKind,
  NodeKinds,
  parseEnvelope,
  validateEnvelope,
} from './introspection/envelope.js';
export { type IntrospectionPublisher, natsPublisher } from './introspection/publisher.js';
export {
  BRIDGE_CONSUMER,
  DEAD_LETTER_STREAM,
  INTROSPECTION_STREAM,
  INTROSPECTION_TOPIC,
  introspectionSubjects,
} from './introspection/subjects.js';
export { type ServeConfig, serveFromConfig } from './serve-from-config.js';
export { subjects, subjectToken } from './subjects.js';
export { checkTags, type Tags, tagsMatch } from './tags.js';
export type { MethodSchemas, TypedHandler } from './typed.js';
export type { IntrospectionOptions, IntrospectionReason } from './worker/introspection.js';
export type { SessionMetrics } from './worker/sessions.js';
export { type ServeOptions, serve, Worker, type WorkerMetrics } from './worker/worker.js';
