// The bench's worker process: serves a pass-through node.
import { NodeRegistry } from '@remotemedia/core';
import { serve } from '../dist/index.js';
import { Pass } from './pass.mjs';

const worker = await serve(NodeRegistry.builder().ts(Pass).build(), {
  servers: process.argv[2],
  id: 'bench',
});
process.stdout.write('ready\n');
await worker.closed;
process.exit(0);
