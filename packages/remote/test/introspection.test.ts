// Introspection events of a worker against a real nats-server: start, tag and node-set changes,
// heartbeats, replies to REGISTRY_REQUEST_INTROSPECTION, and NODE_SHUTDOWN on drain.
import { DiscardPolicy, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { silentLogger } from '@remotemedia/core';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Envelope,
  encodeEnvelope,
  introspectionSubjects,
  makeEnvelope,
  natsPublisher,
  parseEnvelope,
  serve,
  validateEnvelope,
} from '../src/index.js';
import { WorkerIntrospection } from '../src/worker/introspection.js';
import { testRegistry } from './fixtures/nodes.js';
import { type NatsServer, startNats } from './helpers.js';

let nats: NatsServer;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startNats();
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

/** Collects every introspection event on the bus (decoded and validated) from when it resolves. */
async function listen(): Promise<{ events: Envelope[]; stop(): void }> {
  const events: Envelope[] = [];
  const sub = nc.subscribe(introspectionSubjects.all, {
    callback: (_error, msg) => {
      events.push(parseEnvelope(msg.data));
    },
  });
  // The server has the subscription once a flush round-trips: no event after this is missed.
  await nc.flush();
  return { events, stop: () => sub.unsubscribe() };
}

const reasons = (events: Envelope[], id: string) =>
  events
    .filter((e) => e.source_node_id === id)
    .map((e) => `${e.event_type}:${String(e.payload?.metadata.reason)}`);

describe('worker introspection events', () => {
  it('announces on start, on tag change and on node-set change, and says goodbye on drain', async () => {
    const bus = await listen();
    const worker = await serve(testRegistry(), {
      servers: nats.url,
      id: 'intro1',
      tags: { gpu: 'true' },
      handleSignals: false,
      // No heartbeat during the test: the event lists below are exact.
      introspection: {
        nodeType: 'effect',
        healthEndpoint: 'http://127.0.0.1:1/healthz',
        heartbeatMs: 10 * 60_000,
      },
    });
    await expect.poll(() => reasons(bus.events, 'intro1')).toEqual(['NODE_INTROSPECTION:start']);
    const start = bus.events[0] as Envelope;
    expect(start.payload?.node_type).toBe('effect');
    expect(start.payload?.endpoints).toEqual({
      address: 'rm.w.intro1',
      health: 'http://127.0.0.1:1/healthz',
    });
    const capabilities = start.payload?.capabilities as {
      nodes: { type: string }[];
      tags: Record<string, string>;
    };
    expect(capabilities.nodes.map((n) => n.type).sort()).toEqual(['Counter', 'Gain', 'WhoAmI']);
    expect(capabilities.tags).toEqual({ gpu: 'true' });

    await worker.updateTags({ gpu: null, zone: 'eu' });
    await expect.poll(() => bus.events.length).toBe(2);
    expect(bus.events[1]?.payload?.capabilities.tags).toEqual({ zone: 'eu' });

    worker.registerTyped('echo', { request: Type.String(), response: Type.String() }, (s) => s);
    await expect.poll(() => bus.events.length).toBe(3);
    expect(bus.events[2]?.payload?.capabilities.methods).toEqual(['echo']);

    await worker.close();
    await expect
      .poll(() => reasons(bus.events, 'intro1'))
      .toEqual([
        'NODE_INTROSPECTION:start',
        'NODE_INTROSPECTION:tags',
        'NODE_INTROSPECTION:nodes',
        'NODE_SHUTDOWN:shutdown',
      ]);
    expect(worker.metrics().introspectionEvents).toBe(4);
    bus.stop();
  });

  it('answers REGISTRY_REQUEST_INTROSPECTION with the request id as correlation id', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const workers = await Promise.all(
      ['req1', 'req2'].map((id) =>
        serve(testRegistry(), {
          servers: nats.url,
          id,
          handleSignals: false,
          discovery: false,
          logger,
        }),
      ),
    );
    const bus = await listen();
    const request = makeEnvelope('REGISTRY_REQUEST_INTROSPECTION', 'bridge-test');
    nc.publish(introspectionSubjects.request, encodeEnvelope(request));
    // A malformed request is ignored, not answered and not fatal.
    nc.publish(introspectionSubjects.request, new TextEncoder().encode('{"nope":1}'));
    await expect
      .poll(() =>
        bus.events
          .filter((e) => e.correlation_id === request.event_id)
          .map((e) => e.source_node_id)
          .sort(),
      )
      .toEqual(['req1', 'req2']);
    await Promise.all(workers.map((w) => w.close()));
    expect(bus.events.filter((e) => e.payload?.metadata.reason === 'request')).toHaveLength(2);
    expect(warnings.sort()).toEqual([
      'worker req1: ignored a bad introspection request',
      'worker req2: ignored a bad introspection request',
    ]);
    bus.stop();
  });

  it('heartbeats repeat the introspection event; introspection: false publishes nothing', async () => {
    const bus = await listen();
    const beating = await serve(testRegistry(), {
      servers: nats.url,
      id: 'beat1',
      handleSignals: false,
      discovery: false,
      introspection: { heartbeatMs: 50 },
    });
    const silent = await serve(testRegistry(), {
      servers: nats.url,
      id: 'quiet1',
      handleSignals: false,
      introspection: false,
    });
    await expect
      .poll(() => reasons(bus.events, 'beat1').filter((r) => r.endsWith(':heartbeat')).length)
      .toBeGreaterThanOrEqual(3);
    await Promise.all([beating.close(), silent.close()]);
    expect(reasons(bus.events, 'quiet1')).toEqual([]);
    bus.stop();
  });
});

describe('worker introspection on shutdown', () => {
  const describeSelf = () => ({ capabilities: {}, endpoints: {}, metadata: {} });

  it('publishes nothing after NODE_SHUTDOWN (a late event would register the node again)', async () => {
    const bus = await listen();
    const introspection = new WorkerIntrospection(nc, 'stop1', describeSelf, {}, silentLogger);
    await introspection.start(60_000);
    await introspection.stop();
    await introspection.publish('tags'); // e.g. a tag change racing the drain
    await introspection.publish('request', 'late-request');
    await nc.flush();
    await expect
      .poll(() => reasons(bus.events, 'stop1'))
      .toEqual(['NODE_INTROSPECTION:start', 'NODE_SHUTDOWN:shutdown']);
    await introspection.stop(); // idempotent: one goodbye
    await nc.flush();
    expect(reasons(bus.events, 'stop1')).toHaveLength(2);
    bus.stop();
  });

  it('retries a NODE_SHUTDOWN the publisher failed to send', async () => {
    const sent: Envelope[] = [];
    let failures = 2;
    const publisher = {
      async publish(event: Envelope) {
        if (event.event_type === 'NODE_SHUTDOWN' && failures-- > 0) throw new Error('no ack');
        sent.push(event);
      },
    };
    const introspection = new WorkerIntrospection(
      nc,
      'retry1',
      describeSelf,
      { publisher },
      silentLogger,
    );
    await introspection.start(60_000);
    await introspection.stop();
    expect(sent.map((e) => e.event_type)).toEqual(['NODE_INTROSPECTION', 'NODE_SHUTDOWN']);
    expect(introspection.published).toBe(2);
  });

  it('sends NODE_SHUTDOWN after the events still being published', async () => {
    const sent: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const publisher = {
      async publish(event: Envelope) {
        if (event.payload?.metadata.reason === 'tags') await gate;
        sent.push(`${event.event_type}:${String(event.payload?.metadata.reason)}`);
      },
    };
    const introspection = new WorkerIntrospection(
      nc,
      'order1',
      describeSelf,
      { publisher },
      silentLogger,
    );
    await introspection.start(60_000);
    const tags = introspection.publish('tags'); // still in flight when the drain begins
    const stopping = introspection.stop();
    release();
    await Promise.all([tags, stopping]);
    expect(sent).toEqual([
      'NODE_INTROSPECTION:start',
      'NODE_INTROSPECTION:tags',
      'NODE_SHUTDOWN:shutdown',
    ]);
  });

  it('publishes with an acked JetStream publish when a stream stores the events', async () => {
    const jsm = await jetstreamManager(nc);
    const subject = introspectionSubjects.node('full1');
    // A stream that takes one event and refuses the next: the refusal must reach the caller.
    await jsm.streams.add({
      name: 'introspection-test-full',
      subjects: [subject],
      max_msgs: 1,
      discard: DiscardPolicy.New,
    });
    try {
      const publisher = natsPublisher(nc);
      const event = () => makeEnvelope('NODE_SHUTDOWN', 'full1');
      await publisher.publish(event());
      expect((await jsm.streams.info('introspection-test-full')).state.messages).toBe(1);
      await expect(publisher.publish(event())).rejects.toThrow(/maximum messages/);
    } finally {
      await jsm.streams.delete('introspection-test-full');
    }
  });
});

describe('envelope schema', () => {
  const valid = () =>
    makeEnvelope('NODE_INTROSPECTION', 'n1', {
      payload: {
        node_id: 'n1',
        node_type: 'compute',
        capabilities: {},
        endpoints: {},
        metadata: {},
      },
    });

  it('accepts a well-formed event and round-trips it', () => {
    const event = valid();
    expect(parseEnvelope(encodeEnvelope(event))).toEqual(event);
  });

  it('names every offending field', () => {
    const event = {
      ...valid(),
      envelope_version: 2,
      payload: { ...valid().payload, node_type: 'gpu' },
    };
    expect(() => validateEnvelope(event)).toThrow(
      /event\.envelope_version.*event\.payload\.node_type/s,
    );
    expect(() => validateEnvelope({ ...valid(), extra: 1 })).toThrow(/unknown param 'extra'/);
    expect(() => validateEnvelope({ ...valid(), source_node_id: 'a.b' })).toThrow(
      /event\.source_node_id/,
    );
    const { payload: _, ...bare } = valid();
    expect(() => validateEnvelope(bare)).toThrow(/payload is required for NODE_INTROSPECTION/);
    expect(() => validateEnvelope({ ...valid(), source_node_id: 'n2' })).toThrow(
      /payload\.node_id must equal event\.source_node_id/,
    );
    // Matches the pattern, but no such date: the bridge could not order it.
    expect(() =>
      validateEnvelope({ ...valid(), event_timestamp: '2026-13-01T00:00:00.000Z' }),
    ).toThrow(/event_timestamp is not a valid date/);
    expect(() => parseEnvelope(new TextEncoder().encode('{'))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });
});
