// The discovery store: a NATS KV bucket (JetStream) where each worker keeps one entry, refreshed
// by heartbeats and expired by the bucket's TTL when the worker stops refreshing it.
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { NodeMetadata } from '@remotemedia/core';
import { RemoteMediaError } from '@remotemedia/errors';
import type { Tags } from './tags.js';

/** What a worker announces about itself. */
export interface WorkerAnnouncement {
  id: string;
  name: string;
  /** Subject prefix of this worker's own endpoints (`rm.w.<id>`). */
  address: string;
  nodes: { type: string; runtime: string; metadata: NodeMetadata | undefined }[];
  tags: Tags;
  /** Changes every time a worker process starts (ms since the epoch of that start). */
  incarnation: number;
  /** ms since the epoch of the last heartbeat. */
  updatedAt: number;
}

export const DEFAULT_BUCKET = 'remotemedia_workers';
/** How long an entry lives without a heartbeat. */
export const DEFAULT_ENTRY_TTL_MS = 15_000;

export async function openDiscovery(
  nc: NatsConnection,
  bucket = DEFAULT_BUCKET,
  ttlMs = DEFAULT_ENTRY_TTL_MS,
): Promise<KV> {
  try {
    return await new Kvm(nc).create(bucket, { ttl: ttlMs, history: 1 });
  } catch (error) {
    throw new RemoteMediaError(
      'ERR_TRANSPORT',
      `cannot open the discovery bucket '${bucket}': ${(error as Error).message}; the NATS server needs JetStream (nats-server -js)`,
      { retryable: true, cause: error },
    );
  }
}

/** Every live worker in the store. */
export async function listWorkers(kv: KV): Promise<WorkerAnnouncement[]> {
  const keys: string[] = [];
  for await (const key of await kv.keys()) keys.push(key);
  const entries = await Promise.all(keys.map((key) => kv.get(key)));
  const workers: WorkerAnnouncement[] = [];
  for (const entry of entries) {
    if (entry === null || entry.operation !== 'PUT' || entry.length === 0) continue;
    workers.push(entry.json<WorkerAnnouncement>());
  }
  return workers.sort((a, b) => a.id.localeCompare(b.id));
}
