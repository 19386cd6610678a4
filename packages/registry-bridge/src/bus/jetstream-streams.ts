// The JetStream streams of the bridge and their limits. Events are worth little once a newer one
// of the same node exists, so the stream keeps a bounded history per node and a bounded age;
// dead letters are kept longer for an operator, but not forever. An existing stream whose limits
// differ (an older bridge created it) is updated in place.
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamManager,
  RetentionPolicy,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  BRIDGE_CONSUMER,
  DEAD_LETTER_STREAM,
  INTROSPECTION_STREAM,
  introspectionSubjects,
} from '@remotemedia/remote';

const HOUR_MS = 3_600_000;

export const streamLimits = {
  [INTROSPECTION_STREAM]: {
    subjects: [introspectionSubjects.all],
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(24 * HOUR_MS),
    max_msgs_per_subject: 100,
  },
  [DEAD_LETTER_STREAM]: {
    subjects: [introspectionSubjects.deadLetter],
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(7 * 24 * HOUR_MS),
    max_msgs: 100_000,
  },
} satisfies Record<string, Partial<StreamConfig>>;

/** Creates both streams and the durable consumer, or brings existing ones to these limits. */
export async function ensureStreams(jsm: JetStreamManager): Promise<void> {
  for (const [name, wanted] of Object.entries(streamLimits)) await ensureStream(jsm, name, wanted);
  await jsm.consumers.add(INTROSPECTION_STREAM, {
    durable_name: BRIDGE_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(30_000),
    max_ack_pending: 1000,
  });
}

async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  wanted: Partial<StreamConfig>,
): Promise<void> {
  const current = await jsm.streams.info(name).catch(() => undefined);
  if (current === undefined) {
    await jsm.streams.add({ name, ...wanted });
    return;
  }
  const differs = Object.entries(wanted).some(
    ([key, value]) =>
      JSON.stringify(current.config[key as keyof StreamConfig]) !== JSON.stringify(value),
  );
  if (differs) await jsm.streams.update(name, { ...current.config, ...wanted } as StreamConfig);
}
