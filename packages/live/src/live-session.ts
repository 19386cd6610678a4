// A connection speaking the live protocol (README "Protocol"): `start`, binary audio, `stop`;
// back: `started`, `output`, `audio` + binary audio, `end` or `error`.
import type { WebSocket } from 'ws';
import { encodeAudio } from './codec.js';
import type { Refusal } from './codes.js';
import { Connection } from './connection.js';
import { FrameFeed } from './frame-feed.js';
import type { LiveLimits } from './limits.js';
import { PipelineRun } from './pipeline-run.js';
import { checkAudioFrame, parseClientMessage, type StartMessage } from './protocol.js';
import type { Served } from './served.js';
import { isAudioFrame, type SinkPort } from './sinks.js';

type State = 'waiting' | 'starting' | 'running' | 'stopping';

export class LiveSession extends Connection {
  readonly endpoint = 'ws';
  readonly #served: Served;
  #state: State = 'waiting';
  #start: StartMessage | undefined;
  /** The format announced by the last `audio` message. */
  #audioFormat = '';
  #stopWith = { code: 1000, reason: 'end of stream' };
  /** Per sink port, its `output` message up to the value: written once, not per output. */
  readonly #outputHeads = new Map<SinkPort, string>();

  constructor(ws: WebSocket, limits: LiveLimits, served: Served) {
    super(ws, limits);
    this.#served = served;
  }

  protected errorMessage(refusal: Refusal): string {
    return JSON.stringify({ type: 'error', code: refusal.code, message: refusal.reason });
  }

  protected onText(text: string): void {
    const message = this.accepted(parseClientMessage(text));
    if (message === undefined) return;
    if (message.type === 'start') {
      if (this.#state !== 'waiting') {
        this.refuse({ code: 'ERR_PROTOCOL', reason: 'start was already sent' });
        return;
      }
      this.#begin(message);
      return;
    }
    if (this.#state === 'waiting') {
      this.refuse({ code: 'ERR_PROTOCOL', reason: 'stop before start' });
      return;
    }
    if (this.#state === 'stopping') return;
    this.#stop(1000, 'end of stream');
  }

  protected onBinary(bytes: Buffer): void {
    const start = this.#start;
    if (start === undefined) {
      this.refuse({
        code: 'ERR_PROTOCOL',
        reason: 'audio before start; send {"type":"start",...} first',
      });
      return;
    }
    // Frames the client had in flight when it sent stop are not an error; they are too late.
    if (this.#state === 'stopping') return;
    const problem = checkAudioFrame(bytes.byteLength, start, this.limits.maxFrameBytes);
    if (problem !== undefined) {
      this.refuse(problem);
      return;
    }
    this.feed?.push(bytes, start.encoding);
    this.checkInput();
  }

  #begin(start: StartMessage): void {
    const manifest = this.#served.pipelines.get(start.pipeline);
    if (manifest === undefined) {
      const names = [...this.#served.pipelines.keys()].join(', ') || 'none';
      this.refuse({
        code: 'ERR_UNKNOWN_PIPELINE',
        reason: `no pipeline named "${start.pipeline.slice(0, 40)}"; this server serves: ${names}`,
      });
      return;
    }
    this.#start = start;
    this.pipeline = start.pipeline;
    this.#state = 'starting';
    // Audio that arrives while the nodes start waits in the feed.
    this.feed = new FrameFeed(start);
    PipelineRun.create(this.#served.registry, manifest, this.feed, (sink, value) =>
      this.#emit(sink, value),
    ).then(
      (run) => {
        if (!this.live) {
          void run.close();
          return;
        }
        this.run = run;
        if (this.#state === 'starting') this.#state = 'running';
        this.sendText(
          JSON.stringify({
            type: 'started',
            pipeline: start.pipeline,
            encoding: start.encoding,
            sampleRate: start.sampleRate,
            channels: start.channels,
            maxFrameBytes: this.limits.maxFrameBytes,
          }),
        );
        run.done.catch((error: Error) => this.pipelineFailed(error));
        if (this.#state === 'stopping') this.#finish(run, this.#stopWith);
      },
      (error: Error) => this.pipelineFailed(error),
    );
  }

  #stop(code: number, reason: string): void {
    this.#state = 'stopping';
    this.#stopWith = { code, reason };
    if (this.run !== undefined) this.#finish(this.run, this.#stopWith);
  }

  #finish(run: PipelineRun, close: { code: number; reason: string }): void {
    run.finish().then(
      () => {
        if (this.closing) return;
        this.sendText(JSON.stringify({ type: 'end', receivedMs: this.feed?.receivedMs ?? 0 }));
        this.close(close.code, close.reason);
      },
      () => {
        // run.done's handler has refused with the pipeline's error.
      },
    );
  }

  shutdown(): void {
    if (this.#state === 'running' || this.#state === 'starting') {
      this.#stop(1001, 'server shutting down');
    } else if (this.#state === 'waiting') {
      this.refuse({ code: 'ERR_SHUTTING_DOWN', reason: 'server shutting down' });
    }
  }

  #emit(sink: SinkPort, value: unknown): void {
    if (this.closing) return;
    if (isAudioFrame(value)) {
      if (sink.binary) this.#sendAudio(value.samples, value.sampleRate, value.channels);
      return;
    }
    if (value instanceof Uint8Array) return;
    if (Array.isArray(value)) for (const item of value) this.#output(sink, item);
    else this.#output(sink, value);
  }

  #output(sink: SinkPort, value: unknown): void {
    let head = this.#outputHeads.get(sink);
    if (head === undefined) {
      const { node, port } = sink;
      head = JSON.stringify({ type: 'output', node, port, value: 0 }).slice(0, -2);
      this.#outputHeads.set(sink, head);
    }
    // A value JSON cannot hold (undefined, a function) is left out of the message, as before.
    const json = JSON.stringify(value) as string | undefined;
    const message =
      json === undefined
        ? JSON.stringify({ type: 'output', node: sink.node, port: sink.port, value })
        : `${head}${json}}`;
    this.sendText(message);
    this.#served.onOutput?.(this, { node: sink.node, port: sink.port, value });
  }

  #sendAudio(samples: Float32Array, sampleRate: number, channels: number): void {
    if (samples.length === 0) return;
    const encoding = this.#start?.encoding ?? 'f32le';
    const format = `${encoding}/${sampleRate}/${channels}`;
    if (format !== this.#audioFormat) {
      this.#audioFormat = format;
      this.sendText(JSON.stringify({ type: 'audio', encoding, sampleRate, channels }));
    }
    this.sendBinary(encodeAudio(samples, encoding));
  }
}
