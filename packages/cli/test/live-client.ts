// A live-protocol client for the CLI's `serve --ws` tests: espeak-ng speech as 16 kHz s16le, sent
// in 20 ms frames through the `vad` pipeline; resolves with the VAD events and the close code.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { tempDir } from './helpers.js';

/** `text` spoken by espeak-ng with 1 s of silence either side, as 16 kHz mono s16le. */
export function speechPcm(text: string): Buffer {
  const dir = tempDir();
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', join(dir, 'raw.wav'), text]);
  const args = ['-r', '16000', '-b', '16', '-e', 'signed', '-t', 'raw', '-', 'pad', '1', '1'];
  return execFileSync('sox', [join(dir, 'raw.wav'), ...args]);
}

export interface SessionResult {
  events: (string | undefined)[];
  last: string | undefined;
  code: number;
}

export async function vadSession(url: string, pcm: Buffer): Promise<SessionResult> {
  const ws = new WebSocket(`${url}/ws`);
  const messages: { type: string; port?: string; value?: { type?: string } }[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'start', pipeline: 'vad', encoding: 's16le', sampleRate: 16000 }));
  for (let at = 0; at < pcm.length; at += 640) ws.send(pcm.subarray(at, at + 640));
  ws.send(JSON.stringify({ type: 'stop' }));
  const code = await closed;
  const events = messages
    .filter((m) => m.type === 'output' && m.port === 'events')
    .map((m) => m.value?.type);
  return { events, last: messages.at(-1)?.type, code };
}
