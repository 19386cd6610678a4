// Benchmarks of @remotemedia/core (npm run bench -w @remotemedia/core). Needs a build (dist/).
//  1. overhead per node hop in a 10-node chain (stream mode) vs an await-per-hop loop and a sync loop
//  2. resample -> VAD over 60 s of 20 ms frames vs calling the native objects directly
//  3. 1,000 concurrent streams through a 3-node graph: frames/s and event-loop delay p99

import { concurrentStreams } from './concurrent-streams.mjs';
import { hopOverhead } from './hop-overhead.mjs';
import { nativePipeline } from './native-pipeline.mjs';

await hopOverhead();
await nativePipeline();
await concurrentStreams();
