// Helpers shared by the bridge tests: raw events, and reading both stores back.
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { silentLogger } from '@remotemedia/core';
import {
  DEFAULT_BUCKET,
  type Envelope,
  type EventType,
  makeEnvelope,
  type WorkerAnnouncement,
} from '@remotemedia/remote';
import type pg from 'pg';

export const quiet = silentLogger;

export function nodeEvent(
  nodeId: string,
  options: { type?: EventType; at?: Date; tags?: Record<string, string> } = {},
): Envelope {
  return makeEnvelope(options.type ?? 'NODE_INTROSPECTION', nodeId, {
    now: options.at ?? new Date(),
    payload: {
      node_id: nodeId,
      node_type: 'compute',
      capabilities: { nodes: [{ type: 'Echo', runtime: 'ts' }], tags: options.tags ?? {} },
      endpoints: { address: `rm.w.${nodeId}`, health: `http://127.0.0.1:9/${nodeId}` },
      metadata: { name: 'test', incarnation: 1, reason: 'start' },
    },
  });
}

export interface Row {
  id: string;
  tool_id: string;
  node_type: string;
  capabilities: { tags?: Record<string, string> };
  endpoints: Record<string, unknown>;
  metadata: Record<string, unknown>;
  health_endpoint: string | null;
  status: string;
  last_event_at: Date;
  last_heartbeat: Date;
  registered_at: Date;
  updated_at: Date;
}

/** Registered nodes (deregistered ones keep a tombstone row: see `allRows`). */
export async function rows(pool: pg.Pool): Promise<Row[]> {
  return (await allRows(pool)).filter((r) => r.status !== 'deregistered');
}

/** Ids of the registered rows that start with `prefix`. */
export async function rowIds(pool: pg.Pool, prefix: string): Promise<string[]> {
  return (await rows(pool)).map((r) => r.tool_id).filter((id) => id.startsWith(prefix));
}

export async function allRows(pool: pg.Pool): Promise<Row[]> {
  const result = await pool.query<Row>('SELECT * FROM tool_registrations ORDER BY tool_id');
  return result.rows;
}

/**
 * Ids of the live entries. Not `kv.keys()`: it runs a consumer that can stall ~30 s when a key is
 * deleted while it lists. The bucket's subjects come from its stream info instead, as workers list
 * each other; RemoteClient.workers() would create a missing bucket, which some tests delete.
 */
export async function discoveryKeys(nc: NatsConnection, startingWith = ''): Promise<string[]> {
  const kv = await new Kvm(nc).open(DEFAULT_BUCKET);
  const prefix = `$KV.${DEFAULT_BUCKET}.`;
  const info = await (await jetstreamManager(nc)).streams.info(`KV_${DEFAULT_BUCKET}`, {
    subjects_filter: `${prefix}>`,
  });
  const keys = Object.keys(info.state.subjects ?? {}).map((s) => s.slice(prefix.length));
  const entries = await Promise.all(keys.map((key) => kv.get(key)));
  return keys
    .filter((key, i) => entries[i]?.operation === 'PUT' && key.startsWith(startingWith))
    .sort();
}

export async function discoveryEntry(
  nc: NatsConnection,
  id: string,
): Promise<WorkerAnnouncement | undefined> {
  const kv = await new Kvm(nc).open(DEFAULT_BUCKET);
  const entry = await kv.get(id);
  return entry?.operation === 'PUT' ? entry.json<WorkerAnnouncement>() : undefined;
}
