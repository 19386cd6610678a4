// Benchmarks of @remotemedia/core (npm run bench -w @remotemedia/core). Needs a build (dist/).
//  1. overhead per node hop in a 10-node chain (stream mode) vs an await-per-hop loop and a sync loop
//  2. resample -> VAD over 60 s of 20 ms frames vs calling the native objects directly
//  3. 1,000 concurrent streams through a 3-node graph: frames/s and event-loop delay p99
//  4. resample -> VAD -> format as a NativeChain vs node by node (60 s of speech, 20 ms frames)
//  5. frame buffers from the stream's pool vs a new Float32Array per frame per node

import { concurrentStreams } from './concurrent-streams.mjs';
import { framePool } from './frame-pool.mjs';
import { hopOverhead } from './hop-overhead.mjs';
import { nativeChain } from './native-chain.mjs';
import { nativePipeline } from './native-pipeline.mjs';

await hopOverhead();
await nativePipeline();
await concurrentStreams();
await nativeChain();
await framePool();
