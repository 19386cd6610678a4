// A connection speaking Twilio Media Streams: `connected`, `start` (streamSid, mediaFormat),
// `media` (base64 G.711 at 8 kHz), `dtmf`, `mark`, `stop` in; `media`, `mark` and `clear` (when the
// caller starts speaking, so playback stops) out. A phone call points at the server with no glue.
import type { WebSocket } from 'ws';
import { encodeAudio } from './codec.js';
import { Connection } from './connection.js';
import { FrameFeed } from './frame-feed.js';
import type { LiveLimits } from './limits.js';
import { PipelineRun } from './pipeline-run.js';
import type { Encoding } from './protocol.js';
import type { Served } from './served.js';
import { isAudioFrame, type SinkPort } from './sinks.js';
import {
  parseTwilioMessage,
  TWILIO_SAMPLE_RATE,
  type TwilioStart,
  twilioEncoding,
  twilioPayload,
} from './twilio-protocol.js';

export interface TwilioRoute {
  /** From the path (`/twilio/<name>`); else the start's customParameters.pipeline. */
  pipeline: string | undefined;
  /** Set when the upgrade carried no valid token: customParameters.token must equal it. */
  token: string | undefined;
}

export class TwilioSession extends Connection {
  readonly endpoint = 'twilio';
  readonly #served: Served;
  readonly #route: TwilioRoute;
  #streamSid = '';
  #encoding: Encoding = 'mulaw';
  #stopping = false;
  #marks = 0;

  constructor(ws: WebSocket, limits: LiveLimits, served: Served, route: TwilioRoute) {
    super(ws, limits);
    this.#served = served;
    this.#route = route;
  }

  protected errorMessage(): undefined {
    // Twilio has no error message: the close code and reason say it.
    return undefined;
  }

  protected onBinary(): void {
    this.refuse({ code: 'ERR_PROTOCOL', reason: 'Twilio Media Streams send JSON text only' });
  }

  protected onText(text: string): void {
    const message = this.accepted(parseTwilioMessage(text));
    if (message === undefined) return;
    switch (message.event) {
      case 'connected':
        return;
      case 'start':
        this.#begin(message.start);
        return;
      case 'media':
        this.#media(message.media);
        return;
      case 'dtmf':
      case 'mark':
        this.#report(message.event, message.value);
        return;
      case 'stop':
        this.#stop(1000, 'end of stream');
        return;
    }
  }

  #begin(start: TwilioStart): void {
    if (this.pipeline !== undefined) {
      this.refuse({ code: 'ERR_PROTOCOL', reason: 'start was already sent' });
      return;
    }
    const params = start.parameters;
    if (this.#route.token !== undefined && params.token !== this.#route.token) {
      this.refuse({ code: 'ERR_UNAUTHORIZED', reason: 'missing or wrong token' });
      return;
    }
    const name = this.#route.pipeline ?? params.pipeline ?? '';
    const manifest = this.#served.pipelines.get(name);
    if (manifest === undefined) {
      const names = [...this.#served.pipelines.keys()].join(', ') || 'none';
      this.refuse({
        code: 'ERR_UNKNOWN_PIPELINE',
        reason: `no pipeline named "${name.slice(0, 40)}"; connect to /twilio/<name> with one of: ${names}`,
      });
      return;
    }
    const encoding = this.accepted(twilioEncoding(start.mediaFormat));
    if (encoding === undefined) return;
    this.#encoding = encoding;
    this.#streamSid = start.streamSid;
    this.pipeline = name;
    this.feed = new FrameFeed({ sampleRate: TWILIO_SAMPLE_RATE, channels: 1 });
    PipelineRun.create(this.#served.registry, manifest, this.feed, (sink, value) =>
      this.#emit(sink, value),
    ).then(
      (run) => {
        if (!this.live) return void run.close();
        this.run = run;
        run.done.catch((error: Error) => this.pipelineFailed(error));
        if (this.#stopping) this.#finish(run, 1000, 'end of stream');
      },
      (error: Error) => this.pipelineFailed(error),
    );
  }

  #media(media: unknown): void {
    if (this.pipeline === undefined) {
      this.refuse({ code: 'ERR_PROTOCOL', reason: 'media before start' });
      return;
    }
    const bytes = this.accepted(twilioPayload(media, this.limits.maxFrameBytes));
    if (bytes === undefined || bytes.byteLength === 0 || this.#stopping) return;
    this.feed?.push(bytes, this.#encoding);
    this.checkInput();
  }

  #report(port: 'dtmf' | 'mark', value: unknown): void {
    this.#served.onOutput?.(this, { node: 'twilio', port, value });
  }

  #stop(code: number, reason: string): void {
    if (this.#stopping) return;
    this.#stopping = true;
    if (this.run !== undefined) this.#finish(this.run, code, reason);
    else if (this.pipeline === undefined) this.close(code, reason);
  }

  #finish(run: PipelineRun, code: number, reason: string): void {
    run.finish().then(
      () => this.close(code, reason),
      () => {},
    );
  }

  shutdown(): void {
    if (this.pipeline === undefined) this.close(1001, 'server shutting down', 'ERR_SHUTTING_DOWN');
    else this.#stop(1001, 'server shutting down');
  }

  #emit(sink: SinkPort, value: unknown): void {
    if (this.closing) return;
    if (isAudioFrame(value)) {
      if (
        sink.binary &&
        value.sampleRate === TWILIO_SAMPLE_RATE &&
        value.channels === 1 &&
        value.samples.length > 0
      ) {
        this.#send({
          event: 'media',
          media: {
            payload: Buffer.from(encodeAudio(value.samples, this.#encoding)).toString('base64'),
          },
        });
        this.#send({ event: 'mark', mark: { name: `audio-${++this.#marks}` } });
      }
      return;
    }
    if (value instanceof Uint8Array) return;
    for (const item of Array.isArray(value) ? value : [value]) {
      // The caller talks over what is playing: cut the playback.
      if ((item as { type?: unknown } | null)?.type === 'speechStart')
        this.#send({ event: 'clear' });
      this.#served.onOutput?.(this, { node: sink.node, port: sink.port, value: item });
    }
  }

  #send(message: Record<string, unknown>): void {
    this.sendText(JSON.stringify({ ...message, streamSid: this.#streamSid }));
  }
}
