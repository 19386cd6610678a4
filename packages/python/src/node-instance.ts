// A Python node instance as a NodeInstance: each call goes to its slot's worker; after a worker
// restart the instance is created (initialized) again on the new worker before the next call.

import type { NodeInstance, NodeMetadata } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { DataWriter, readData } from './data.js';
import { fromErrorFrame } from './errors.js';
import type { Header } from './frame.js';
import type { ResolvedOptions } from './options.js';
import type { SlotWorker, WorkerSlot } from './slot.js';
import type { CallLabel, Reply } from './worker.js';

export class PythonNode implements NodeInstance {
  private opened: { generation: number; ready: Promise<void> } | undefined;
  private closed = false;

  constructor(
    private readonly slot: WorkerSlot,
    private readonly type: string,
    private readonly metadata: NodeMetadata,
    private readonly params: Record<string, unknown>,
    private readonly id: number,
    private readonly options: ResolvedOptions,
    /** The pipeline node id, so worker output can be traced to the node that printed it. */
    private readonly nodeId?: string,
  ) {}

  /** Creates the instance in its worker (runs the node's initialize). */
  async open(): Promise<this> {
    await this.worker();
    return this;
  }

  async process(input: unknown): Promise<unknown> {
    const data = new DataWriter();
    const desc = data.write(input, this.metadata.inputs.length > 1);
    return this.call({ t: 'process', data: desc }, data.segments, 'process');
  }

  async flush(): Promise<unknown> {
    return this.call({ t: 'flush' }, [], 'flush');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const opened = this.opened;
    if (opened === undefined) return;
    // After a crash there is nothing to clean up: starting a worker only to close it is waste.
    const current = await this.slot.running()?.catch(() => undefined);
    if (current?.generation !== opened.generation || !current.worker.alive) return;
    const reply = await current.worker
      .request({ t: 'close', inst: this.id }, [], this.label('cleanup'), this.options.callTimeoutMs)
      .catch(() => undefined);
    if (reply?.header.t === 'error') {
      this.options.logger.warn(`${this.type}.cleanup raised`, {
        error: String(reply.header.message),
      });
    }
  }

  private async call(
    header: Header,
    segments: readonly Uint8Array[],
    op: string,
  ): Promise<unknown> {
    if (this.closed)
      throw new RemoteMediaError(
        'ERR_CLOSED',
        `${this.type}.${op} after close(); create a new node`,
      );
    const { worker } = await this.worker();
    const label = this.label(op);
    const reply = await worker.request(
      { ...header, inst: this.id },
      segments,
      label,
      this.options.callTimeoutMs,
    );
    return this.result(reply, label.what);
  }

  private label(op: string): CallLabel {
    return { what: `${this.type}.${op}`, node: this.nodeId ?? this.type };
  }

  private result({ header, payload }: Reply, what: string): unknown {
    if (header.t === 'error') throw fromErrorFrame(header, what);
    try {
      return readData(header.data ?? { k: 'none' }, payload);
    } catch (error) {
      throw new RemoteMediaError(
        'ERR_TRANSPORT',
        `${what} returned a malformed value: ${(error as Error).message}`,
        {
          retryable: true,
          cause: error,
        },
      );
    }
  }

  /** The slot's worker, with this instance created on it. */
  private async worker(): Promise<SlotWorker> {
    const current = await this.slot.get();
    if (this.opened?.generation !== current.generation) {
      const recreate = this.opened !== undefined;
      const ready = this.create(current);
      this.opened = { generation: current.generation, ready };
      ready.catch(() => {
        if (this.opened?.ready === ready) this.opened = undefined;
      });
      if (recreate) {
        this.options.logger.info(`recreating ${this.type} on a restarted Python worker`, {
          worker: current.worker.pid,
        });
      }
    }
    await this.opened?.ready;
    return current;
  }

  private async create({ worker }: SlotWorker): Promise<void> {
    const label = this.label('initialize');
    const reply = await worker.request(
      { t: 'create', inst: this.id, node: this.type, params: this.params },
      [],
      label,
      this.options.initTimeoutMs,
    );
    this.result(reply, label.what);
  }
}
