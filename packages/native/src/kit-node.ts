// The one generic node instance: any node of a kit-built package's Rust node set, run as a
// one-node KitChain. Everything a node does (params, lazy set-up, checks, timestamps, json
// times) is defined in Rust; this checks the frame's shape before it crosses.
import type { AudioFrame, ProcessContext } from '@remotemedia/contract';
import { expectAudioFrame, RemoteMediaError } from '@remotemedia/errors';
import type { KitChainClass } from './kit-chain.js';
import { KitRun } from './kit-run.js';
import type { KitPort } from './node-set.js';

/** `O` is the node's output shape (what `process` returns), as the package declares it. */
export class KitNode<O = unknown> {
  readonly type: string;
  #run: KitRun | undefined;

  constructor(KitChain: KitChainClass, type: string, outputs: readonly KitPort[], params: unknown) {
    this.type = type;
    // Rust checks the params against the node's schema and names the field it refuses.
    const json = JSON.stringify(params === undefined ? {} : params) ?? 'undefined';
    this.#run = new KitRun(KitChain, [type], [json], outputs, { passInput: true });
  }

  /**
   * The node's output for `frame` in the node contract's shape (undefined: nothing yet); output
   * samples go into buffers from `context.acquire` (a stream's pool) when given.
   */
  process(frame: AudioFrame, context?: ProcessContext): O {
    const run = this.#open();
    expectAudioFrame(frame, this.type);
    return run.process(frame, context?.acquire) as O;
  }

  /** End of stream: what the node held back, then it is ready for a new stream. */
  flush(context?: ProcessContext): O | undefined {
    return this.#open().flush(context?.acquire) as O | undefined;
  }

  /** Drops all stream state without output. */
  reset(): void {
    this.#open().reset();
  }

  /** Idempotent; any later call throws ERR_CLOSED. */
  close(): void {
    this.#run?.close();
    this.#run = undefined;
  }

  #open(): KitRun {
    if (this.#run === undefined) {
      throw new RemoteMediaError('ERR_CLOSED', `${this.type} was used after close()`);
    }
    return this.#run;
  }
}
