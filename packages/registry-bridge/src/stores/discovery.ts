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
import { eventTime, type Received, type RegistrationStore } from './store.js';

/** Writes racing on one key are rare; give up (and queue) after this many. */
const MAX_CONFLICTS = 5;

/** The revision given was not the entry's last (someone wrote it meanwhile). */
function isConflict(error: unknown): boolean {
  return /wrong last sequence|key exists/i.test(String((error as Error)?.message));
}

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

  async apply({ event }: Received): Promise<void> {
    const payload = event.payload;
    if (payload === undefined) return;
    const kv = await this.#open();
    try {
      await this.#write(kv, payload.node_id, event);
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

  /**
   * Compare-and-set on the entry's revision: a concurrent writer (the worker itself, another
   * bridge) makes the write start over instead of being overwritten blindly.
   */
  async #write(kv: KV, id: string, event: Envelope): Promise<void> {
    const at = eventTime(event);
    for (let attempt = 1; ; attempt++) {
      const current = await kv.get(id);
      // A replayed older event must not roll a newer announcement back (or delete it).
      if (current?.operation === 'PUT' && current.length > 0) {
        if (current.json<WorkerAnnouncement>().updatedAt > at) return;
      }
      try {
        if (event.event_type === 'NODE_SHUTDOWN') {
          if (current === null || current.operation !== 'PUT') return;
          await kv.delete(id, { previousSeq: current.revision });
        } else {
          const value = JSON.stringify(toAnnouncement(event, at));
          if (current === null) await kv.create(id, value);
          else await kv.update(id, value, current.revision);
        }
        return;
      } catch (error) {
        if (attempt >= MAX_CONFLICTS || !isConflict(error)) throw error;
      }
    }
  }

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
