// The bench's server, in its own process so its CPU time is its own. `live`: createLiveServer with
// examples/live's vad pipeline (resample -> VAD). `cluster <n>`: n `live` servers in node:cluster
// workers sharing one port, as `remotemedia serve --ws --workers <n>` runs them. `bare`: the peer,
// a plain ws server that answers with a decision per 30 ms of audio received and runs no pipeline
// (the transport's own cost). Sends its port; answers 'cpu' with its CPU time (with a cluster's,
// the primary's and every worker's).
import cluster from 'node:cluster';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadManifest, NodeRegistry } from '@remotemedia/core';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { WebSocketServer } from 'ws';
import { createLiveServer } from '../dist/index.js';

const manifestFile = fileURLToPath(new URL('../../../examples/live/vad.yaml', import.meta.url));

async function live() {
  const registry = NodeRegistry.builder().rust(AudioResample).rust(VAD).build();
  const server = await createLiveServer({
    registry,
    pipelines: { vad: await loadManifest(manifestFile) },
    limits: { maxConnections: 10_000 },
  });
  return { port: server.port, close: () => server.close(), cpu: async () => process.cpuUsage() };
}

async function clustered(count) {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url), args: ['live'] });
  const workers = Array.from({ length: count }, () => cluster.fork());
  // Port 0 in cluster workers is one port, picked once, shared by all.
  const [[{ port }]] = await Promise.all(workers.map((w) => once(w, 'message')));
  const cpu = async () => {
    const used = await Promise.all(
      workers.map(async (w) => {
        w.send('cpu');
        const [reply] = await once(w, 'message');
        return reply.cpu;
      }),
    );
    return used.reduce(
      (sum, c) => ({ user: sum.user + c.user, system: sum.system + c.system }),
      process.cpuUsage(),
    );
  };
  const close = () =>
    Promise.all(
      workers.map((w) => {
        w.send('stop');
        return once(w, 'exit');
      }),
    );
  return { port, close, cpu };
}

async function bare() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    let samples = 0;
    let rate = 16000;
    let nextEnd = 30;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        const m = JSON.parse(String(data));
        if (m.type === 'start') {
          rate = m.sampleRate;
          ws.send(JSON.stringify({ type: 'started', ...m }));
        } else if (m.type === 'stop') {
          ws.send(JSON.stringify({ type: 'end' }));
          ws.close(1000, 'end of stream');
        }
        return;
      }
      samples += data.length / 2;
      while ((samples / rate) * 1000 >= nextEnd) {
        const value = { startMs: nextEnd - 30, endMs: nextEnd, speech: false };
        ws.send(JSON.stringify({ type: 'output', node: 'vad', port: 'decisions', value }));
        nextEnd += 30;
      }
    });
  });
  return {
    port: wss.address().port,
    close: () => new Promise((resolve) => wss.close(resolve)),
    cpu: async () => process.cpuUsage(),
  };
}

const kind = process.argv[2];
const server =
  kind === 'bare'
    ? await bare()
    : kind === 'cluster'
      ? await clustered(Number(process.argv[3]))
      : await live();
process.on('message', async (message) => {
  if (message === 'cpu') process.send?.({ cpu: await server.cpu() });
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
process.send?.({ port: server.port });
