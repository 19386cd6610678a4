// The discovery store: a NATS KV bucket (JetStream) where each worker keeps one entry, refreshed
// by heartbeats and expired by the bucket's TTL when the worker stops refreshing it.
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { NodeMetadata } from '@remotemedia/contract';
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

/**
 * One bucket of the store. Listing reads the bucket's subjects from its stream info instead of
 * `kv.keys()`: that one runs a consumer per call, which can stall for the consumer's whole
 * timeout (~30 s) when a key is deleted while it lists, as a draining worker does.
 */
export class DiscoveryStore {
  readonly #kv: KV;
  readonly #jsm: JetStreamManager;
  readonly #bucket: string;

  constructor(kv: KV, jsm: JetStreamManager, bucket: string) {
    this.#kv = kv;
    this.#jsm = jsm;
    this.#bucket = bucket;
  }

  async put(workerId: string, announcement: WorkerAnnouncement): Promise<void> {
    // One put of the whole entry: readers never see half an update.
    await this.#kv.put(workerId, JSON.stringify(announcement));
  }

  async delete(workerId: string): Promise<void> {
    await this.#kv.delete(workerId);
  }

  /** Every live worker in the store, sorted by id. */
  async list(): Promise<WorkerAnnouncement[]> {
    // A KV bucket is the stream KV_<bucket> with one subject $KV.<bucket>.<key> per key.
    const prefix = `$KV.${this.#bucket}.`;
    const info = await this.#jsm.streams.info(`KV_${this.#bucket}`, {
      subjects_filter: `${prefix}>`,
    });
    const keys = Object.keys(info.state.subjects ?? {}).map((s) => s.slice(prefix.length));
    const entries = await Promise.all(keys.map((key) => this.#kv.get(key)));
    const workers: WorkerAnnouncement[] = [];
    for (const entry of entries) {
      if (entry === null || entry.operation !== 'PUT' || entry.length === 0) continue;
      workers.push(entry.json<WorkerAnnouncement>());
    }
    return workers.sort((a, b) => a.id.localeCompare(b.id));
  }
}

export async function openDiscovery(
  nc: NatsConnection,
  bucket = DEFAULT_BUCKET,
  ttlMs = DEFAULT_ENTRY_TTL_MS,
): Promise<DiscoveryStore> {
  try {
    const kv = await new Kvm(nc).create(bucket, { ttl: ttlMs, history: 1 });
    return new DiscoveryStore(kv, await jetstreamManager(nc), bucket);
  } catch (error) {
    throw new RemoteMediaError(
      'ERR_TRANSPORT',
      `cannot open the discovery bucket '${bucket}': ${(error as Error).message}; the NATS server needs JetStream (nats-server -js)`,
      { retryable: true, cause: error },
    );
  }
}
