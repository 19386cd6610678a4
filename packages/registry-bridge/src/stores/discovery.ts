// Discovery store: the NATS KV bucket workers announce themselves in (`registerSelf`). The bridge
// writes the same WorkerAnnouncement shape, so a node seen only through its events (a worker with
// discovery off, or one publishing to Kafka) is routable too.
import { jetstream } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  DEFAULT_BUCKET,
  DEFAULT_ENTRY_TTL_MS,
  type Envelope,
  type WorkerAnnouncement,
} from '@remotemedia/remote';
import { eventTime, type RegistrationStore } from './store.js';

export interface DiscoveryOptions {
  /** @default 'remotemedia_workers' */
  bucket?: string;
  /** Entry lifetime of a bucket the bridge creates, ms. @default 15000 */
  entryTtlMs?: number;
  /** A bucket operation without an answer this long fails (and is queued), ms. @default 1000 */
  timeoutMs?: number;
}

export class DiscoveryStore implements RegistrationStore {
  readonly name = 'discovery';
  readonly bucket: string;
  readonly #ttlMs: number;
  readonly #kvm: Kvm;
  #kv: Promise<KV> | undefined;

  constructor(nc: NatsConnection, options: DiscoveryOptions = {}) {
    this.bucket = options.bucket ?? DEFAULT_BUCKET;
    this.#ttlMs = options.entryTtlMs ?? DEFAULT_ENTRY_TTL_MS;
    // A vanished bucket makes reads wait for the request timeout: keep it short.
    this.#kvm = new Kvm(jetstream(nc, { timeout: options.timeoutMs ?? 1000 }));
  }

  async apply(event: Envelope): Promise<void> {
    const payload = event.payload;
    if (payload === undefined) return;
    const kv = await this.#open();
    try {
      if (event.event_type === 'NODE_SHUTDOWN') {
        await kv.delete(payload.node_id);
        return;
      }
      const at = eventTime(event);
      const current = await kv.get(payload.node_id);
      if (current?.operation === 'PUT' && current.length > 0) {
        // A replayed older event must not roll a newer announcement back.
        if (current.json<WorkerAnnouncement>().updatedAt > at) return;
      }
      await kv.put(payload.node_id, JSON.stringify(toAnnouncement(event, at)));
    } catch (error) {
      this.#kv = undefined;
      throw error;
    }
  }

  async remove(nodeIds: string[]): Promise<void> {
    const kv = await this.#open();
    for (const id of nodeIds) await kv.delete(id);
  }

  /** Opens (creating when missing) the bucket. */
  async ready(): Promise<void> {
    await this.#open();
  }

  /** Opens the bucket without creating it: a vanished bucket reports down until a write. */
  async ping(): Promise<void> {
    const kv = await this.#kvm.open(this.bucket);
    await kv.status();
  }

  async close(): Promise<void> {}

  #open(): Promise<KV> {
    this.#kv ??= this.#kvm
      .create(this.bucket, { ttl: this.#ttlMs, history: 1 })
      .catch((error: unknown) => {
        this.#kv = undefined;
        throw error;
      });
    return this.#kv;
  }
}

function toAnnouncement(event: Envelope, at: number): WorkerAnnouncement {
  const payload = event.payload as NonNullable<Envelope['payload']>;
  const capabilities = payload.capabilities as Partial<Pick<WorkerAnnouncement, 'nodes' | 'tags'>>;
  const metadata = payload.metadata as { name?: unknown; incarnation?: unknown };
  const address = payload.endpoints.address;
  return {
    id: payload.node_id,
    name: typeof metadata.name === 'string' ? metadata.name : payload.node_id,
    address: typeof address === 'string' ? address : `rm.w.${payload.node_id}`,
    nodes: Array.isArray(capabilities.nodes) ? capabilities.nodes : [],
    tags: capabilities.tags ?? {},
    incarnation: typeof metadata.incarnation === 'number' ? metadata.incarnation : 0,
    updatedAt: at,
  };
}
