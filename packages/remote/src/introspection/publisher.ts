// How a worker sends its introspection events. The default publishes on its own NATS
// connection: with an acked JetStream publish when a stream stores the introspection subjects
// (the bridge's bus), so a lost event is reported instead of vanishing; as a plain publish when
// none does (nothing records them then). A Kafka-backed bus, or any object with `publish(event)`,
// can be passed instead.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { type Envelope, encodeEnvelope } from './envelope.js';
import { introspectionSubjects } from './subjects.js';

export interface IntrospectionPublisher {
  publish(event: Envelope): Promise<void>;
}

const ACK_TIMEOUT_MS = 2000;

export function natsPublisher(nc: NatsConnection): IntrospectionPublisher {
  const js = jetstream(nc, { timeout: ACK_TIMEOUT_MS });
  // Once a stream is found it is assumed to stay; an event it refuses clears this.
  let stored = false;
  const isStored = async (subject: string): Promise<boolean> => {
    if (stored) return true;
    try {
      const jsm = await jetstreamManager(nc, { checkAPI: false, timeout: ACK_TIMEOUT_MS });
      stored = (await jsm.streams.find(subject)) !== '';
    } catch {
      stored = false; // no JetStream, or no stream for these subjects
    }
    return stored;
  };
  return {
    async publish(event) {
      const subject = introspectionSubjects.node(event.source_node_id);
      const data = encodeEnvelope(event);
      if (!(await isStored(subject))) {
        nc.publish(subject, data);
        return;
      }
      try {
        // The event id as message id: a retried publish is stored once.
        await js.publish(subject, data, { msgID: event.event_id });
      } catch (error) {
        stored = false;
        throw error;
      }
    },
  };
}
