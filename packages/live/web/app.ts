// The live page: microphone -> AudioWorklet (20 ms frames) -> WebSocket (the live protocol) ->
// pipeline; speech events come back and are drawn on the waveform and listed as segments.
// `?pipeline=<name>` picks a served pipeline (default vad), `?token=` passes a bearer token.
import { type SegmentEvent, Segments } from './segments.js';
import { Waveform } from './waveform.js';

const params = new URLSearchParams(location.search);
const pipeline = params.get('pipeline') ?? 'vad';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const stateEl = byId<HTMLSpanElement>('state');
const errorEl = byId<HTMLParagraphElement>('error');
const toggle = byId<HTMLButtonElement>('toggle');
const list = byId<HTMLOListElement>('segments');
byId<HTMLElement>('pipeline').textContent = pipeline;

let session: { stop(): void } | undefined;

function setState(state: string, detail = ''): void {
  stateEl.dataset.state = state;
  stateEl.textContent = detail === '' ? state : `${state} (${detail})`;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function renderSegments(segments: Segments): void {
  list.replaceChildren(
    ...segments.list.map((s) => {
      const li = document.createElement('li');
      li.dataset.startMs = String(s.startMs);
      if (s.endMs === undefined) {
        li.className = 'open';
        li.textContent = `${seconds(s.startMs)} s - speaking...`;
      } else {
        li.dataset.endMs = String(s.endMs);
        li.textContent = `${seconds(s.startMs)} s - ${seconds(s.endMs)} s (${seconds(s.endMs - s.startMs)} s)`;
      }
      return li;
    }),
  );
}

function socketUrl(): string {
  const url = new URL('/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = params.get('token');
  if (token !== null) url.searchParams.set('token', token);
  return url.href;
}

async function start(): Promise<void> {
  errorEl.textContent = '';
  setState('connecting');
  const segments = new Segments();
  const waveform = new Waveform(byId<HTMLCanvasElement>('wave'));
  renderSegments(segments);
  const context = new AudioContext();
  await context.audioWorklet.addModule('worklet.js');
  const ws = new WebSocket(socketUrl());
  ws.binaryType = 'arraybuffer';
  let stream: MediaStream | undefined;
  let frame = 0;
  let stopping = false;
  const release = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    void context.close();
    session = undefined;
    toggle.textContent = 'Start microphone';
    toggle.disabled = false;
  };
  session = {
    stop: () => {
      setState('stopping', 'flushing the last outputs');
      toggle.disabled = true;
      stopping = true;
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'stop' }));
      for (const track of stream?.getTracks() ?? []) track.stop();
    },
  };
  toggle.textContent = 'Stop';

  ws.onopen = () =>
    ws.send(
      JSON.stringify({
        type: 'start',
        pipeline,
        encoding: 'f32le',
        sampleRate: context.sampleRate,
        channels: 1,
      }),
    );
  ws.onmessage = async (message) => {
    if (typeof message.data !== 'string') return;
    const data = JSON.parse(message.data) as {
      type: string;
      code?: string;
      message?: string;
      value?: SegmentEvent;
    };
    if (data.type === 'started') {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: {
            channelCount: 1,
            echoCancellation: false,
            noiseSuppression: false,
            autoGainControl: false,
          },
        });
      } catch (error) {
        errorEl.textContent = `microphone: ${(error as Error).message}`;
        ws.close(1000, 'no microphone');
        return;
      }
      const capture = new AudioWorkletNode(context, 'frame-capture');
      capture.port.onmessage = (event: MessageEvent<Float32Array<ArrayBuffer>>) => {
        if (stopping || ws.readyState !== WebSocket.OPEN) return;
        ws.send(event.data);
        waveform.add(event.data);
        frame++;
        if (frame % 3 === 0) waveform.draw(segments);
      };
      context.createMediaStreamSource(stream).connect(capture);
      setState('streaming', `${data.type === 'started' ? context.sampleRate : ''} Hz`);
    } else if (data.type === 'output' && data.value !== undefined && segments.apply(data.value)) {
      renderSegments(segments);
      waveform.draw(segments);
    } else if (data.type === 'error') {
      errorEl.textContent = `${data.code}: ${data.message}`;
    } else if (data.type === 'end') {
      setState('ended');
    }
  };
  ws.onclose = (event) => {
    if (event.code !== 1000) {
      setState('error', `closed ${event.code}`);
      if (errorEl.textContent === '')
        errorEl.textContent = `connection closed: ${event.code} ${event.reason}`;
    } else if (stateEl.dataset.state !== 'ended') setState('closed');
    release();
  };
}

toggle.addEventListener('click', () => {
  if (session !== undefined) session.stop();
  else
    start().catch((error: Error) => {
      setState('error');
      errorEl.textContent = error.message;
    });
});
