// The bench's server, in its own process so its CPU time is its own: the vad pipeline of
// examples/live (resample -> VAD) on a free port. Prints the port; answers 'cpu' with its CPU time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NodeRegistry, parseManifest } from '@remotemedia/core';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { createLiveServer } from '../dist/index.js';

const manifestFile = fileURLToPath(new URL('../../../examples/live/vad.yaml', import.meta.url));
const registry = NodeRegistry.builder().rust(AudioResample).rust(VAD).build();
const server = await createLiveServer({
  registry,
  pipelines: { vad: parseManifest(readFileSync(manifestFile, 'utf8'), manifestFile) },
  limits: { maxConnections: 10_000 },
});
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage(), sessions: server.sessions });
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
process.send?.({ port: server.port });
