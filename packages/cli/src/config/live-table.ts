// The [live] table of remotemedia.toml (what `remotemedia serve --ws` serves): the pipelines by
// name, the listening host, the token's variable, the worker processes and the server's limits.
import { camelTable } from './camel-table.js';
import {
  type Check,
  envName,
  integerIn,
  isTable,
  nonEmptyString,
  type TableSpec,
} from './checks.js';
import type { LiveConfig } from './types.js';
import { type WorkerCount, workerCountProblem } from './worker-count.js';

const durationMs: Check = integerIn(1, 2_147_483_647);
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** `{ vad = "vad.yaml" }`: names a client may send in `start`, each a manifest file. */
const pipelineTable: Check = (v) => {
  if (!isTable(v)) {
    return 'must be a table of name = "manifest file", e.g. vad = "vad.yaml"';
  }
  for (const [name, file] of Object.entries(v)) {
    if (!NAME.test(name))
      return `has the name "${name}"; use letters, digits, _ and - (at most 64)`;
    if (typeof file !== 'string' || file.length === 0) {
      return `.${name} must be the path of a manifest file, e.g. "vad.yaml"`;
    }
  }
  return undefined;
};

export const liveSpec: TableSpec = {
  host: nonEmptyString,
  token_env: envName,
  max_connections: integerIn(1, 1_000_000),
  max_frame_bytes: integerIn(64, 16_777_216),
  max_messages_per_second: integerIn(1, 100_000),
  idle_timeout_ms: durationMs,
  output_high_water_bytes: integerIn(1024, 1_073_741_824),
  input_queue_frames: integerIn(1, 100_000),
  slow_client_ms: durationMs,
  drain_ms: integerIn(0, 2_147_483_647),
  pipelines: pipelineTable,
  workers: workerCountProblem,
};

/** [live] with manifest paths resolved by `path` and the limits in camelCase. */
export function liveConfig(
  live: Record<string, unknown> = {},
  path: (p: string) => string,
): LiveConfig {
  const { host, token_env, workers, pipelines, ...limits } = live;
  const files = Object.entries((pipelines ?? {}) as Record<string, string>);
  return {
    host: host as string | undefined,
    tokenEnv: token_env as string | undefined,
    workers: workers as WorkerCount | undefined,
    pipelines: Object.fromEntries(files.map(([name, file]) => [name, path(file)])),
    limits: camelTable(limits),
  };
}
