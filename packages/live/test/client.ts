// A test client of the live protocol: connects, keeps every message, and tells how it closed.

import type { Manifest } from '@remotemedia/core';
import { NodeRegistry } from '@remotemedia/core';
import { FormatConverter } from '@remotemedia/node-format';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { WebSocket } from 'ws';

export const registry = NodeRegistry.builder()
  .rust(AudioResample)
  .rust(VAD)
  .rust(FormatConverter)
  .build();

export const vadManifest: Manifest = {
  version: 1,
  nodes: [
    { id: 'resample', type: 'AudioResample', params: { to: 16000 } },
    { id: 'vad', type: 'VAD', params: { mode: 'quality', minSilenceMs: 300 } },
  ],
  connections: [{ from: 'resample', to: 'vad' }],
};

/** Audio out: the sink's only port is audio, so it comes back as binary frames. */
export const upsampleManifest: Manifest = {
  version: 1,
  nodes: [{ id: 'up', type: 'AudioResample', params: { to: 48000 } }],
};

export interface Closed {
  code: number;
  reason: string;
}

export interface TestClient {
  ws: WebSocket;
  /** JSON messages in order of arrival. */
  messages: Record<string, unknown>[];
  /** Binary messages in order of arrival. */
  binary: Buffer[];
  opened: Promise<void>;
  closed: Promise<Closed>;
  send(message: Record<string, unknown>): void;
}

export function connect(
  url: string,
  path = '/ws',
  headers: Record<string, string> = {},
): TestClient {
  const ws = new WebSocket(`${url.replace('http', 'ws')}${path}`, { headers });
  const messages: Record<string, unknown>[] = [];
  const binary: Buffer[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) binary.push(data as Buffer);
    else messages.push(JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>);
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<Closed>((resolve) => {
    ws.on('error', () => {});
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, messages, binary, opened, closed, send: (m) => ws.send(JSON.stringify(m)) };
}

/** A client connected to /ws that has sent `start` with `format` (pipeline, encoding, rate...). */
export async function startSession(
  url: string,
  format: { pipeline: string; encoding: string; sampleRate: number; channels: number },
): Promise<TestClient> {
  const client = connect(url);
  await client.opened;
  client.send({ type: 'start', ...format });
  return client;
}

/**
 * A whole session: `start` with `format`, `bytes` sent in 20 ms frames, then `stop`; resolves
 * once the server has closed it, with the client (all it received) and how it closed.
 */
export async function streamSession(
  url: string,
  format: Parameters<typeof startSession>[1],
  bytes: Buffer,
  bytesPerMs: number,
): Promise<{ client: TestClient; closed: Closed }> {
  const client = await startSession(url, format);
  await sendFrames(client, bytes, bytesPerMs);
  return { client, closed: await stop(client) };
}

/** Sends `stop`; resolves with how the server then closed the session. */
export function stop(client: TestClient): Promise<Closed> {
  client.send({ type: 'stop' });
  return client.closed;
}

/** s16le bytes of f32 samples. */
export function s16le(samples: Float32Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-32768, Math.min(32767, Math.round((samples[i] ?? 0) * 32768)));
    out.writeInt16LE(v, i * 2);
  }
  return out;
}

/**
 * Sends `bytes` in frames of `frameMs`, `pace` ms apart: 6 ms keeps under the default 200
 * messages per second while still about 3x faster than real time.
 */
export async function sendFrames(
  client: TestClient,
  bytes: Buffer,
  bytesPerMs: number,
  frameMs = 20,
  pace = 6,
): Promise<void> {
  const step = Math.round(bytesPerMs * frameMs);
  for (let at = 0; at < bytes.length; at += step) {
    client.ws.send(bytes.subarray(at, Math.min(bytes.length, at + step)));
    if (pace > 0) await new Promise((r) => setTimeout(r, pace));
  }
}

export const outputsOf = (client: TestClient, port: string) =>
  client.messages.filter((m) => m.type === 'output' && m.port === port).map((m) => m.value);
