// A connection speaking Twilio Media Streams: `connected`, `start` (streamSid, mediaFormat),
// `media` (base64 G.711 at 8 kHz), `dtmf`, `mark`, `stop` in; `media`, `mark` and `clear` (when the
// caller starts speaking, so playback stops) out. A phone call points at the server with no glue.
import type { WebSocket } from 'ws';
import { decodeAudio, encodeAudio } from './codec.js';
import { Connection } from './connection.js';
import { FrameFeed } from './frame-feed.js';
import type { LiveLimits } from './limits.js';
import { PipelineRun } from './pipeline-run.js';
import type { Encoding } from './protocol.js';
import type { Served } from './served.js';
import { isAudioFrame, type PortValue } from './sinks.js';

const ENCODINGS: Record<string, Encoding> = { 'audio/x-mulaw': 'mulaw', 'audio/x-alaw': 'alaw' };

interface TwilioStart {
  streamSid?: unknown;
  mediaFormat?: { encoding?: unknown; sampleRate?: unknown; channels?: unknown };
  customParameters?: Record<string, unknown>;
}

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
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.refuse({ code: 'ERR_PROTOCOL', reason: 'a Twilio message must be JSON' });
      return;
    }
    switch (message.event) {
      case 'connected':
        return;
      case 'start':
        this.#begin((message.start ?? {}) as TwilioStart);
        return;
      case 'media':
        this.#media(message.media as { payload?: unknown } | undefined);
        return;
      case 'dtmf':
        this.#report('dtmf', message.dtmf);
        return;
      case 'mark':
        this.#report('mark', message.mark);
        return;
      case 'stop':
        this.#stop(1000, 'end of stream');
        return;
      default:
        this.refuse({
          code: 'ERR_PROTOCOL',
          reason: `unknown Twilio event ${JSON.stringify(message.event)?.slice(0, 40)}`,
        });
        return;
    }
  }

  #begin(start: TwilioStart): void {
    if (this.pipeline !== undefined) {
      this.refuse({ code: 'ERR_PROTOCOL', reason: 'start was already sent' });
      return;
    }
    const params = start.customParameters ?? {};
    if (this.#route.token !== undefined && params.token !== this.#route.token) {
      this.refuse({ code: 'ERR_UNAUTHORIZED', reason: 'missing or wrong token' });
      return;
    }
    const name =
      this.#route.pipeline ?? (typeof params.pipeline === 'string' ? params.pipeline : '');
    const manifest = this.#served.pipelines.get(name);
    if (manifest === undefined) {
      const names = [...this.#served.pipelines.keys()].join(', ') || 'none';
      this.refuse({
        code: 'ERR_UNKNOWN_PIPELINE',
        reason: `no pipeline named "${name.slice(0, 40)}"; connect to /twilio/<name> with one of: ${names}`,
      });
      return;
    }
    const format = start.mediaFormat ?? {};
    const encoding = ENCODINGS[String(format.encoding)];
    if (encoding === undefined || format.sampleRate !== 8000 || (format.channels ?? 1) !== 1) {
      this.refuse({
        code: 'ERR_UNSUPPORTED_FORMAT',
        reason: `mediaFormat ${JSON.stringify(format).slice(0, 60)} is not supported; Twilio sends audio/x-mulaw, 8000 Hz, 1 channel`,
      });
      return;
    }
    this.#encoding = encoding;
    this.#streamSid = String(start.streamSid ?? '');
    this.pipeline = name;
    this.feed = new FrameFeed({ sampleRate: 8000, channels: 1 });
    PipelineRun.create(this.#served.registry, manifest, this.feed, (v) => this.#emit(v)).then(
      (run) => {
        if (!this.live) return void run.close();
        this.run = run;
        run.done.catch((error: Error) => this.pipelineFailed(error));
        if (this.#stopping) this.#finish(run, 1000, 'end of stream');
      },
      (error: Error) => this.pipelineFailed(error),
    );
  }

  #media(media: { payload?: unknown } | undefined): void {
    if (this.pipeline === undefined) {
      this.refuse({ code: 'ERR_PROTOCOL', reason: 'media before start' });
      return;
    }
    const payload = media?.payload;
    if (typeof payload !== 'string') {
      this.refuse({ code: 'ERR_PROTOCOL', reason: 'media without a base64 payload' });
      return;
    }
    const bytes = Buffer.from(payload, 'base64');
    if (bytes.byteLength > this.limits.maxFrameBytes) {
      this.refuse({
        code: 'ERR_FRAME_TOO_LARGE',
        reason: `a media payload of ${bytes.byteLength} bytes is over the limit of ${this.limits.maxFrameBytes}`,
      });
      return;
    }
    if (bytes.byteLength === 0 || this.#stopping) return;
    this.feed?.push(decodeAudio(bytes, this.#encoding));
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

  #emit({ sink, value }: PortValue): void {
    if (this.closing) return;
    if (isAudioFrame(value)) {
      if (
        sink.binary &&
        value.sampleRate === 8000 &&
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
