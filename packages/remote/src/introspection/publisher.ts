// How a worker sends its introspection events. The default publishes on its own NATS
// connection (the bridge's JetStream stream stores them); a Kafka-backed bus, or any object with
// `publish(event)`, can be passed instead.
import type { NatsConnection } from '@nats-io/transport-node';
import { type Envelope, encodeEnvelope } from './envelope.js';
import { introspectionSubjects } from './subjects.js';

export interface IntrospectionPublisher {
  publish(event: Envelope): Promise<void>;
}

export function natsPublisher(nc: NatsConnection): IntrospectionPublisher {
  return {
    async publish(event) {
      nc.publish(introspectionSubjects.node(event.source_node_id), encodeEnvelope(event));
    },
  };
}
