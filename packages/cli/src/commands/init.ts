// `remotemedia init`: a remotemedia.toml and an example manifest to start from.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RemoteMediaError } from '@remotemedia/core';
import { Command } from 'commander';
import { CONFIG_FILE } from '../config/load-config.js';
import { writeGivenFile } from '../files.js';

const CONFIG = `# Which nodes this deployment loads (see 'remotemedia nodes list').
[nodes.native]
packages = ["@remotemedia/node-format", "@remotemedia/node-resample", "@remotemedia/node-vad"]
# Folders scanned for plugins: packages whose package.json has "remotemedia": { "nodes": "./nodes.js" }.
plugin_dirs = []

# Python nodes (needs @remotemedia/python and the remotemedia pip package).
# [nodes.python]
# module_paths = ["./python"]
# nodes = [{ class = "MyNode", module = "my_nodes" }]

# [python]
# A path is relative to this file. Default: $REMOTEMEDIA_PYTHON, else the nearest .venv, else python3.
# executable = ".venv/bin/python"
# workers = 1

# What 'remotemedia serve' connects to and announces (flags override these).
# [remote]
# servers = ["nats://127.0.0.1:4222"]
# name = "my-worker"
# tags = { gpu = "true" }

# What 'remotemedia registry' runs (the bridge recording every worker's nodes); NATS from [remote].
# [registry]
# bus = "jetstream"
# stale_after_ms = 30000
# [registry.http]
# port = 9464
# [registry.postgres]
# url_env = "REMOTEMEDIA_PG_URL"   # the variable holding the URL; never the URL itself
`;

const MANIFEST = `# 48 kHz stereo in -> mono -> 16 kHz -> voice activity.
# remotemedia run pipeline.yaml --input in.wav --json results.json
version: 1
nodes:
  - id: mono
    type: FormatConverter
    params: { channels: 1 }
  - id: resample
    type: AudioResample
    params: { to: 16000 }
  - id: vad
    type: VAD
    params: { mode: quality }
connections:
  - { from: mono, to: resample }
  - { from: resample, to: vad }
`;

export function initCommand(): Command {
  return new Command('init')
    .description(`scaffold ${CONFIG_FILE} and an example pipeline.yaml`)
    .option('-d, --dir <folder>', 'where to write them', '.')
    .option('-f, --force', 'overwrite existing files')
    .action(async (opts: { dir: string; force?: boolean }) => {
      const dir = resolve(opts.dir);
      const files = [
        [join(dir, CONFIG_FILE), CONFIG],
        [join(dir, 'pipeline.yaml'), MANIFEST],
      ] as const;
      const existing = files.filter(([f]) => existsSync(f)).map(([f]) => f);
      if (existing.length > 0 && opts.force !== true) {
        throw new RemoteMediaError(
          'ERR_INVALID_PARAM',
          `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite`,
        );
      }
      for (const [file, text] of files) {
        await writeGivenFile(file, text);
        process.stdout.write(`wrote ${file}\n`);
      }
      process.stdout.write(
        'next: remotemedia validate pipeline.yaml && remotemedia run pipeline.yaml --input in.wav\n',
      );
    });
}
