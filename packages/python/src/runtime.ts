// PythonRuntime: the PythonRuntimeProvider that @remotemedia/core uses for `.python()` nodes.
// Lists node types from a worker's handshake and keeps one pool of workers per node type.

import type {
  NodeDefinition,
  PythonCreateOptions,
  PythonRuntimeProvider,
} from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { PythonNode } from './node-instance.js';
import { type PythonRuntimeOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { WorkerSlot } from './slot.js';
import { type Hello, PythonWorker } from './worker.js';

interface Pool {
  slots: WorkerSlot[];
  next: number;
}

export class PythonRuntime implements PythonRuntimeProvider {
  private readonly options: ResolvedOptions;
  private catalog: Promise<Map<string, NodeDefinition>> | undefined;
  /** The worker that answered the catalog handshake, kept for the first pool that needs one. */
  private spare: PythonWorker | undefined;
  private readonly pools = new Map<string, Pool>();
  private readonly live = new Set<PythonWorker>();
  private nextInstance = 1;
  private closed = false;

  constructor(options: PythonRuntimeOptions = {}) {
    this.options = resolveOptions(options);
  }

  /** Node types served by the workers (one worker is started to ask, then reused). */
  async definitions(): Promise<readonly NodeDefinition[]> {
    return [...(await this.nodeTypes()).values()];
  }

  async create(
    type: string,
    params: Record<string, unknown>,
    options: PythonCreateOptions = {},
  ): Promise<PythonNode> {
    const types = await this.nodeTypes();
    const definition = types.get(type);
    if (definition === undefined) {
      const known = [...types.keys()].join(', ') || 'none';
      throw new RemoteMediaError(
        'ERR_NODE_NOT_FOUND',
        `no Python node type '${type}'; the workers serve: ${known}. Check the modules/paths options and the worker's import failures in the log`,
      );
    }
    const pool = this.pool(type);
    const slot = pool.slots[pool.next++ % pool.slots.length] as WorkerSlot;
    const node = new PythonNode(
      slot,
      type,
      definition.metadata,
      params,
      this.nextInstance++,
      this.options,
      options.nodeId,
    );
    return node.open();
  }

  /** Pids of the running workers (for supervision and tests). */
  pids(): number[] {
    return [...this.live].flatMap((w) => (w.alive && w.pid !== undefined ? [w.pid] : []));
  }

  /** Stops every worker (running each node's cleanup first) and waits until they are reaped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const slots = [...this.pools.values()].flatMap((p) => p.slots);
    this.pools.clear();
    await this.catalog?.catch(() => undefined);
    const spare = this.spare;
    this.spare = undefined;
    await Promise.all([...slots.map((s) => s.close()), spare?.close()]);
    await Promise.all([...this.live].map((w) => w.kill()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private nodeTypes(): Promise<Map<string, NodeDefinition>> {
    this.assertOpen();
    if (this.catalog === undefined) {
      const catalog = this.startWorker(true).then((worker) => this.definitionsFrom(worker.info));
      catalog.catch(() => {
        if (this.catalog === catalog) this.catalog = undefined;
      });
      this.catalog = catalog;
    }
    return this.catalog;
  }

  private definitionsFrom(hello: Hello): Map<string, NodeDefinition> {
    for (const failure of hello.failures) {
      this.options.logger.warn(
        `python module '${failure.module}' failed to import; its nodes are unavailable`,
        {
          error: `${failure.type}: ${failure.message}`,
        },
      );
    }
    const types = new Map<string, NodeDefinition>();
    for (const { type, category, description, params, inputs, outputs } of hello.nodes) {
      types.set(type, {
        type,
        runtime: 'python',
        metadata: { category, description, params, inputs, outputs },
        create: (p: Record<string, unknown>) => this.create(type, p),
      });
    }
    this.options.logger.debug('python node types', { count: types.size, python: hello.python });
    return types;
  }

  private pool(type: string): Pool {
    let pool = this.pools.get(type);
    if (pool === undefined) {
      const slots = Array.from(
        { length: this.options.workersPerType },
        () => new WorkerSlot(() => this.startWorker(false)),
      );
      pool = { slots, next: 0 };
      this.pools.set(type, pool);
    }
    return pool;
  }

  private async startWorker(forCatalog: boolean): Promise<PythonWorker> {
    this.assertOpen();
    if (!forCatalog && this.spare?.alive) {
      const spare = this.spare;
      this.spare = undefined;
      return spare;
    }
    const worker = await PythonWorker.start(this.options);
    this.live.add(worker);
    worker.onDeath(() => this.live.delete(worker));
    if (this.closed) {
      await worker.close();
      this.assertOpen();
    }
    if (forCatalog) this.spare = worker;
    return worker;
  }

  private assertOpen(): void {
    if (this.closed)
      throw new RemoteMediaError('ERR_CLOSED', 'the Python runtime was closed; create a new one');
  }
}

/** A Python runtime for `NodeRegistry.builder().build({ python })`. */
export function createPythonRuntime(options: PythonRuntimeOptions = {}): PythonRuntime {
  return new PythonRuntime(options);
}
