// Stream mode: frames from an async (or sync) iterable flow through the graph. Linear runs of
// nodes are fused into one Chain; a node that joins several edges, or that the graph fans into,
// starts a new stage with bounded input queues (backpressure). End of stream flushes stages in
// topological order. Any error or abort fails every queue so every stage stops.
// Pool buffers: each queued item holds the buffers it carries (frame-refs.ts); the sink's
// outputs are the user's, or lent until the next iteration step with `recycleOutputs`.
import { RemoteMediaError } from '@remotemedia/errors';
import { openSource } from '../streams/stop-source.js';
import { Chain } from './chain.js';
import type { FrameRefs } from './frame-refs.js';
import { fuseNativeRuns, type StageChain } from './fused-stage.js';
import { type CallContext, isThenable } from './invoke.js';
import { type GraphPlan, type PlannedNode, pickValue } from './plan.js';
import { BoundedQueue } from './queue.js';

const END: unique symbol = Symbol('end of stream');
type Item = unknown;
/** Another branch's end of input in a merged queue: never dropped under load. */
const isEnd = (item: Item): boolean => item === END;

interface Stage {
  chain: StageChain;
  head: PlannedNode;
  tail: PlannedNode;
  /** One queue per input slot; none for root stages (fed by the pump). */
  queues: Map<string, BoundedQueue<Item>>;
  /** Connections still open per slot (each sends END once). */
  openEdges: Map<string, number>;
}

export interface StreamRunOptions {
  highWaterMark: number;
  context: CallContext;
  /** Called once when the run fails (error, abort, consumer gone); must stop every node. */
  onFailure: (error: RemoteMediaError) => Promise<void>;
  /** Called once when the run is over for the consumer (done, failed or stopped). */
  onEnd: () => void;
  /** Give a yielded output's pool buffers back when the consumer asks for the next one. */
  recycleOutputs?: boolean;
  /** Run consecutive kit-built native nodes in one NativeChain. @default true */
  nativeChains?: boolean;
}

export class StreamRun implements AsyncIterator<unknown> {
  readonly #plan: GraphPlan;
  readonly #options: StreamRunOptions;
  readonly #stages: Stage[] = [];
  readonly #stageOf = new Map<string, Stage>();
  readonly #output: BoundedQueue<Item>;
  readonly #singleSink: boolean;
  #sinksOpen: number;
  #started = false;
  #failed: RemoteMediaError | undefined;
  #source: AsyncIterable<unknown> | Iterable<unknown>;
  /** Ends the pump's pending read, once the pump has started reading. */
  #stopReading: (() => void) | undefined;
  readonly #refs: FrameRefs | undefined;
  readonly #recycleOutputs: boolean;
  /** The output last yielded, while the consumer borrows it (recycleOutputs). */
  #lent: Item = END;

  constructor(
    plan: GraphPlan,
    source: AsyncIterable<unknown> | Iterable<unknown>,
    options: StreamRunOptions,
  ) {
    this.#plan = plan;
    this.#source = source;
    this.#options = options;
    this.#output = new BoundedQueue(options.highWaterMark);
    this.#singleSink = plan.sinks.length === 1;
    this.#sinksOpen = plan.sinks.length;
    this.#refs = options.context.frames;
    this.#recycleOutputs = options.recycleOutputs === true && this.#refs !== undefined;
    this.#buildStages();
  }

  next(): Promise<IteratorResult<unknown>> {
    // A call made before the previous one settled waits its turn: each item goes to one call,
    // in order (the output queue has a single taker).
    const previous = this.#waiting;
    const result = previous === undefined ? this.#take() : previous.then(this.#take, this.#take);
    if (!isThenable(result)) return Promise.resolve(result);
    const waiting = result as Promise<IteratorResult<unknown>>;
    this.#waiting = waiting;
    const settled = (): void => {
      if (this.#waiting === waiting) this.#waiting = undefined;
    };
    waiting.then(settled, settled);
    return waiting;
  }

  /** The latest next() still waiting for an item. */
  #waiting: Promise<IteratorResult<unknown>> | undefined;

  readonly #take = (): IteratorResult<unknown> | Promise<IteratorResult<unknown>> => {
    // Over (done, failed or returned): keep answering done, as async generators do.
    if (this.#ended) return { value: undefined, done: true };
    if (!this.#started) this.#start();
    if (this.#lent !== END) this.#giveBack();
    const item = this.#output.take();
    if (isThenable(item)) {
      return (item as Promise<Item>).then(this.#toResult, (error: unknown) => {
        this.#end();
        throw error;
      });
    }
    return this.#toResult(item);
  };

  readonly #toResult = (item: Item): IteratorResult<unknown> => {
    if (item !== END) {
      if (this.#recycleOutputs) this.#lent = item;
      return { value: item, done: false };
    }
    this.#end();
    return { value: undefined, done: true };
  };

  /** The consumer moved past the output it borrowed: its pool buffers go back. */
  #giveBack(): void {
    const item = this.#lent;
    this.#lent = END;
    const refs = this.#refs as FrameRefs;
    refs.release(refs.scan(this.#singleSink ? item : (item as { value: unknown }).value));
  }

  #ended = false;
  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    // A run that never started or stopped early did not flush: its native chains close here.
    this.#closeChains();
    this.#options.onEnd();
  }

  /** Closes the run's native chains (a normal end already closed them after their flush). */
  #closeChains(): void {
    for (const stage of this.#stages) stage.chain.close();
  }

  /** The consumer stopped early (break): stop every stage and close the nodes. */
  async return(): Promise<IteratorResult<unknown>> {
    if (this.#failed === undefined && this.#started && !this.#ended) {
      await this.fail(new RemoteMediaError('ERR_ABORTED', 'the stream consumer stopped reading'));
    }
    this.#end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Stops the run with `error`: every waiting stage and the consumer see it. */
  async fail(error: RemoteMediaError): Promise<void> {
    if (this.#failed !== undefined) return;
    this.#failed = error;
    for (const stage of this.#stages) for (const q of stage.queues.values()) q.fail(error);
    this.#output.fail(error);
    this.#closeChains();
    // A source waiting for data (a socket) would keep the pump's read pending for good. Stopping
    // it must not keep the nodes from closing, whatever the source does.
    try {
      this.#stopReading?.();
    } catch {}
    await this.#options.onFailure(error);
  }

  /** Deepest input queue per node, for metrics. */
  recordQueueDepths(): void {
    for (const stage of this.#stages) {
      let max = 0;
      for (const q of stage.queues.values()) max = Math.max(max, q.maxLength);
      stage.head.metrics.queueHighWater = Math.max(stage.head.metrics.queueHighWater, max);
    }
  }

  #buildStages(): void {
    for (const node of this.#plan.nodes) {
      const prev =
        node.inEdges.length === 1 ? this.#plan.byId.get(node.inEdges[0]?.from ?? '') : undefined;
      const prevStage = prev === undefined ? undefined : this.#stageOf.get(prev.id);
      const fuse =
        prev !== undefined &&
        prevStage?.tail === prev &&
        prev.outEdges.length === 1 &&
        !node.recordInput &&
        node.overflow === 'block';
      if (fuse && prevStage !== undefined) {
        const nodes = [...prevStage.chain.nodes, node];
        prevStage.chain = new Chain(nodes, this.#options.context);
        prevStage.tail = node;
        this.#stageOf.set(node.id, prevStage);
        continue;
      }
      const queues = new Map<string, BoundedQueue<Item>>();
      const openEdges = new Map<string, number>();
      for (const edge of node.inEdges) {
        if (!queues.has(edge.slot))
          queues.set(edge.slot, new BoundedQueue(this.#options.highWaterMark));
        openEdges.set(edge.slot, (openEdges.get(edge.slot) ?? 0) + 1);
      }
      const stage: Stage = {
        chain: new Chain([node], this.#options.context),
        head: node,
        tail: node,
        queues,
        openEdges,
      };
      this.#stages.push(stage);
      this.#stageOf.set(node.id, stage);
    }
    for (const stage of this.#stages) {
      const { context, nativeChains } = this.#options;
      stage.chain = fuseNativeRuns(stage.chain.nodes, context, nativeChains ?? true);
    }
  }

  #start(): void {
    this.#started = true;
    // Stopped before the first read (abort, close): the source is left unread.
    if (this.#failed !== undefined) return;
    const fail = (error: unknown): Promise<void> =>
      this.fail(
        error instanceof RemoteMediaError
          ? error
          : new RemoteMediaError('ERR_INTERNAL', String(error), { cause: error }),
      );
    for (const stage of this.#stages) {
      if (stage.queues.size > 0) this.#work(stage).catch(fail);
    }
    this.#pump().catch(fail);
  }

  async #pump(): Promise<void> {
    const roots = this.#stages.filter((s) => s.queues.size === 0);
    const source = this.#source;
    const signal = this.#options.context.signal;
    const refs = this.#refs;
    const feed = (frame: unknown): Promise<void> | undefined => {
      // Each root stage takes over one hold of the frame's pool buffers.
      if (roots.length > 1 && refs !== undefined) refs.retain(refs.scan(frame), roots.length - 1);
      let waits: Promise<void>[] | undefined;
      for (const stage of roots) {
        const step = this.#step(stage, frame);
        if (step === undefined) continue;
        waits ??= [];
        waits.push(step);
      }
      return waits === undefined
        ? undefined
        : waits.length === 1
          ? waits[0]
          : Promise.all(waits).then(() => {});
    };
    const reader = openSource(source);
    this.#stopReading = reader.stop;
    try {
      for (;;) {
        const read = reader.next();
        const { value: frame, done } = isThenable(read) ? await read : read;
        if (done === true) break;
        if (this.#failed !== undefined) {
          await reader.close(); // let the source go, as for-await's early return does
          return;
        }
        if (signal?.aborted) throw signal.reason;
        const wait = feed(frame);
        if (wait !== undefined) await wait;
      }
    } catch (error) {
      // The read's or the node's error is what the run reports; the source is let go quietly.
      await reader.close().catch(() => undefined);
      throw error;
    }
    if (this.#failed !== undefined) return;
    for (const stage of roots) await this.#finish(stage);
  }

  /** Runs one input through a stage and delivers the output; a promise only when it must wait. */
  #step(stage: Stage, input: unknown): Promise<void> | undefined {
    const out = stage.chain.run(input);
    if (isThenable(out))
      return (out as Promise<unknown>).then((value) => this.#deliver(stage, value));
    return this.#deliver(stage, out);
  }

  #deliver(stage: Stage, out: unknown): Promise<void> | undefined {
    if (out === undefined || this.#failed !== undefined) return undefined;
    const tail = stage.tail;
    if (tail.outEdges.length === 0) {
      return this.#output.push(this.#singleSink ? out : { nodeId: tail.id, value: out });
    }
    const refs = this.#refs;
    const edges = tail.outEdges;
    if (refs !== undefined && (edges.length > 1 || edges[0]?.pick !== undefined)) {
      refs.fanOut(refs.scan(out), out, edges);
    }
    let waits: Promise<void>[] | undefined;
    for (const edge of edges) {
      const value = pickValue(out, edge.pick);
      if (value === undefined) continue;
      const target = this.#stageOf.get(edge.to) as Stage;
      const queue = target.queues.get(edge.slot) as BoundedQueue<Item>;
      if (target.head.overflow === 'drop-oldest') {
        if (queue.pushDropOldest(value, this.#dropped, isEnd)) target.head.metrics.dropped++;
        continue;
      }
      const wait = queue.push(value);
      if (wait === undefined) continue;
      waits ??= [];
      waits.push(wait);
    }
    return waits === undefined ? undefined : Promise.all(waits).then(() => {});
  }

  /** A dropped queue item's holds end with it. */
  readonly #dropped = (item: Item): void => {
    this.#refs?.release(this.#refs.scan(item));
  };

  async #work(stage: Stage): Promise<void> {
    const slots = [...stage.queues.keys()];
    const record = stage.head.recordInput;
    for (;;) {
      let input: unknown;
      let any = false;
      const values: Record<string, unknown> = {};
      for (const slot of slots) {
        const queue = stage.queues.get(slot) as BoundedQueue<Item>;
        while ((stage.openEdges.get(slot) ?? 0) > 0) {
          const item = await queue.take();
          if (item === END) {
            stage.openEdges.set(slot, (stage.openEdges.get(slot) ?? 1) - 1);
            continue;
          }
          values[slot] = item;
          input = item;
          any = true;
          break;
        }
        if (!record && any) break;
      }
      if (this.#failed !== undefined) return;
      if (!any) break;
      // Items zipped into one record: one hold per distinct buffer.
      if (record) this.#refs?.zip(values);
      const wait = this.#step(stage, record ? values : input);
      if (wait !== undefined) await wait;
    }
    await this.#finish(stage);
  }

  /** End of this stage's input: flush its nodes in order, then tell everything downstream. */
  async #finish(stage: Stage): Promise<void> {
    for (const out of await stage.chain.flush()) {
      const wait = this.#deliver(stage, out);
      if (wait !== undefined) await wait;
    }
    if (this.#failed !== undefined) return;
    if (stage.tail.outEdges.length === 0) {
      this.#sinksOpen--;
      if (this.#sinksOpen === 0) {
        this.recordQueueDepths();
        await this.#output.push(END);
      }
      return;
    }
    for (const edge of stage.tail.outEdges) {
      const target = this.#stageOf.get(edge.to) as Stage;
      await (target.queues.get(edge.slot) as BoundedQueue<Item>).push(END);
    }
  }
}
