// What every live connection has, whatever it speaks: the message rate limit, the idle timer,
// reading paused while the pipeline or the client falls behind, refusals sent as an error and a
// close code, and one record of how it ended.
import type { WebSocket } from 'ws';
import { closeReason, LIVE_ERRORS, type LiveErrorCode, type Refusal } from './codes.js';
import type { FrameFeed } from './frame-feed.js';
import type { LiveLimits } from './limits.js';
import type { PipelineRun } from './pipeline-run.js';
import type { Parsed } from './protocol.js';
import { MessageRate } from './rate-limit.js';

/** How a session ended, as the server's `sessionEnd` listeners see it. */
export interface SessionEnd {
  id: number;
  endpoint: 'ws' | 'twilio';
  pipeline: string | undefined;
  /** The close code (sent by the server, or received from the client; 1006: no close frame). */
  code: number;
  reason: string;
  /** The refusal's code when the server closed the connection over an error. */
  error: LiveErrorCode | undefined;
  /** Milliseconds of audio received. */
  receivedMs: number;
}

const TICK_MS = 250;
let nextId = 1;

export abstract class Connection {
  readonly id = nextId++;
  abstract readonly endpoint: SessionEnd['endpoint'];
  pipeline: string | undefined;
  protected run: PipelineRun | undefined;
  protected feed: FrameFeed | undefined;
  protected readonly ws: WebSocket;
  protected readonly limits: LiveLimits;
  readonly ended: Promise<SessionEnd>;
  /** Told about each refusal (the server counts them). */
  onRefuse: (code: LiveErrorCode) => void = () => {};
  readonly #rate: MessageRate;
  readonly #timer: NodeJS.Timeout;
  #lastMessageAt = performance.now();
  #outputHighSince: number | undefined;
  #pausedByUs = false;
  #closedWith: { code: number; reason: string; error?: LiveErrorCode } | undefined;

  constructor(ws: WebSocket, limits: LiveLimits) {
    this.ws = ws;
    this.limits = limits;
    this.#rate = new MessageRate(limits.maxMessagesPerSecond);
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
    this.#timer.unref();
    this.ended = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        clearInterval(this.#timer);
        this.feed?.source.end();
        void this.run?.close();
        const own = this.#closedWith;
        resolve({
          id: this.id,
          endpoint: this.endpoint,
          pipeline: this.pipeline,
          code: own?.code ?? code,
          reason: own?.reason ?? (code === 1006 ? 'connection lost' : reason.toString()),
          error: own?.error,
          receivedMs: this.feed?.receivedMs ?? 0,
        });
      });
    });
    ws.on('error', () => {
      // A broken socket (reset, bad frame) is followed by 'close'; nothing else to do here.
    });
    ws.on('message', (data, isBinary) => {
      if (this.#closedWith !== undefined) return;
      if (!this.#rate.take()) {
        this.refuse({
          code: 'ERR_RATE_LIMITED',
          reason: `more than ${this.limits.maxMessagesPerSecond} messages per second; send 20 ms frames`,
        });
        return;
      }
      this.#lastMessageAt = performance.now();
      const bytes = data as Buffer;
      try {
        if (isBinary) this.onBinary(bytes);
        else this.onText(bytes.toString('utf8'));
      } catch (error) {
        this.refuse({ code: 'ERR_INTERNAL', reason: (error as Error).message });
      }
    });
  }

  protected abstract onText(text: string): void;
  protected abstract onBinary(bytes: Buffer): void;
  /** The message that tells the client about a refusal (its protocol's shape). */
  protected abstract errorMessage(refusal: Refusal): string | undefined;
  /** Called at shutdown once the drain time is over: flush and close with 1001. */
  abstract shutdown(): void;

  get closing(): boolean {
    return this.#closedWith !== undefined;
  }

  /** Neither closed by the server nor gone: a pipeline created now has someone to serve. */
  protected get live(): boolean {
    return this.#closedWith === undefined && this.ws.readyState === this.ws.OPEN;
  }

  /** Sends the refusal as an error message, then closes with its code. */
  refuse(refusal: Refusal): void {
    if (this.#closedWith !== undefined || this.ws.readyState !== this.ws.OPEN) return;
    this.onRefuse(refusal.code);
    const message = this.errorMessage(refusal);
    if (message !== undefined) this.sendText(message);
    this.close(LIVE_ERRORS[refusal.code], refusal.reason, refusal.code);
  }

  /** What was parsed, or undefined once the client is refused with the parse's refusal. */
  protected accepted<T>(parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.refuse(parsed.refusal);
    return undefined;
  }

  /** Refuses with the pipeline's error, naming the node that failed. */
  protected pipelineFailed(error: Error & { nodeId?: string }): void {
    const where = error.nodeId === undefined ? '' : `node ${error.nodeId}: `;
    this.refuse({ code: 'ERR_PIPELINE_FAILED', reason: `${where}${error.message}` });
  }

  close(code: number, reason: string, error?: LiveErrorCode): void {
    if (this.#closedWith !== undefined || this.ws.readyState === this.ws.CLOSED) return;
    this.#closedWith = { code, reason, ...(error === undefined ? {} : { error }) };
    // A refused client may have stopped reading; its close must not wait for it.
    if (this.#pausedByUs) this.ws.resume();
    this.ws.close(code, closeReason(reason));
    void this.run?.close();
  }

  protected sendText(text: string): void {
    this.ws.send(text);
    this.#checkOutput();
  }

  protected sendBinary(bytes: Uint8Array): void {
    this.ws.send(bytes, { binary: true });
    this.#checkOutput();
  }

  /** Pauses reading while the pipeline has more frames waiting than the limit. */
  protected checkInput(): void {
    if ((this.feed?.source.length ?? 0) > this.limits.inputQueueFrames) this.#pause();
  }

  #checkOutput(): void {
    if (this.ws.bufferedAmount > this.limits.outputHighWaterBytes) {
      this.#outputHighSince ??= performance.now();
      this.#pause();
    }
  }

  #pause(): void {
    if (this.#pausedByUs || this.#closedWith !== undefined) return;
    this.#pausedByUs = true;
    this.ws.pause();
  }

  #tick(): void {
    if (this.#closedWith !== undefined) return;
    const now = performance.now();
    const outputHigh = this.ws.bufferedAmount > this.limits.outputHighWaterBytes / 2;
    if (!outputHigh) this.#outputHighSince = undefined;
    else if (
      this.#outputHighSince !== undefined &&
      now - this.#outputHighSince > this.limits.slowClientMs
    ) {
      this.refuse({
        code: 'ERR_SLOW_CONSUMER',
        reason: `the client left ${this.ws.bufferedAmount} bytes unread for over ${this.limits.slowClientMs} ms`,
      });
      return;
    }
    if (this.#pausedByUs) {
      const inputLow = (this.feed?.source.length ?? 0) <= this.limits.inputQueueFrames / 2;
      if (inputLow && !outputHigh) {
        this.#pausedByUs = false;
        this.ws.resume();
      }
      this.#lastMessageAt = now;
      return;
    }
    if (now - this.#lastMessageAt > this.limits.idleTimeoutMs) {
      this.refuse({
        code: 'ERR_IDLE_TIMEOUT',
        reason: `no message for ${this.limits.idleTimeoutMs} ms`,
      });
    }
  }
}
