// `remotemedia serve` as a subprocess against a real nats-server: a caller uses its Rust and
// Python nodes through @remotemedia/remote, `nodes list --remote` shows them, and SIGTERM drains
// it (an open session still completes) before it exits with 0.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AudioFrame } from '@remotemedia/core';
import { RemoteClient } from '@remotemedia/remote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, examplesDir, tempDir } from './helpers.js';
import { type CliProcess, type NatsServer, startCli, startNats } from './nats.js';

const config = join(examplesDir, 'mixed-rust-python', 'remotemedia.toml');
const gain = (db: number) => Math.fround(10 ** (db / 20));
const frame = (values: number[], channels = 1): AudioFrame => ({
  samples: Float32Array.from(values),
  sampleRate: 16000,
  channels,
});

let nats: NatsServer;
let client: RemoteClient;
let worker: CliProcess;

beforeAll(async () => {
  nats = await startNats();
  worker = startCli([
    'serve',
    '-c',
    config,
    '--servers',
    nats.url,
    '--name',
    'cli-test',
    '--tags',
    'zone=eu, gpu=false',
  ]);
  await worker.waitFor('SIGTERM or Ctrl-C drains and stops it');
  client = await RemoteClient.connect({ servers: nats.url, idleTimeoutMs: 5000 });
});

afterAll(async () => {
  worker?.child.kill('SIGKILL');
  await client?.close();
  await nats?.stop();
});

describe('remotemedia serve', () => {
  it('announces the config’s node types, with metadata, under its name and tags', async () => {
    const workers = await client.workers();
    expect(workers).toHaveLength(1);
    const [announced] = workers;
    expect(announced?.name).toBe('cli-test');
    expect(announced?.tags).toEqual({ zone: 'eu', gpu: 'false' });
    const types = Object.fromEntries(
      (announced?.nodes ?? []).map((n) => [n.type, [n.runtime, n.metadata?.category]]),
    );
    // PyNormalize shares PyGain's module but is not in the config: not served.
    expect(types).toEqual({
      AudioResample: ['rust', 'audio/conversion'],
      FormatConverter: ['rust', 'audio/conversion'],
      PyGain: ['python', 'audio/effects'],
      PyEnergyVAD: ['python', 'audio/analysis'],
    });
    expect(worker.stdout()).toContain(`worker ${announced?.id} serving`);
  });

  it('runs a Python node and a Rust node for a remote caller', async () => {
    const input = [0.5, -0.25, 0.125, 1];
    const out = (await client.call('PyGain', frame(input), {
      params: { gainDb: -6, clip: false },
      tags: { zone: 'eu' },
    })) as AudioFrame;
    expect([...out.samples]).toEqual(input.map((x) => Math.fround(x * gain(-6))));
    const { audio } = (await client.call('FormatConverter', frame([0.5, 0.25, -0.5, -1], 2), {
      params: { channels: 1 },
    })) as { audio: AudioFrame };
    expect([audio.channels, audio.sampleRate, audio.samples.length]).toEqual([1, 16000, 2]);
  });

  it('lists what the running workers serve with `nodes list --remote`', () => {
    const r = cli(['nodes', 'list', '--remote', '--servers', nats.url, '--runtime', 'python']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [, id] = /worker (\w+) serving/.exec(worker.stdout()) ?? [];
    expect(r.stdout).toContain(`Workers:\n  - ${id} (cli-test) zone=eu, gpu=false\n`);
    expect(r.stdout).toContain(`Python nodes:\n  - PyEnergyVAD (audio/analysis) on ${id}\n`);
    expect(r.stdout).toContain(`  - PyGain (audio/effects) on ${id}\n`);
    expect(r.stdout).not.toContain('Rust nodes');
    const json = JSON.parse(
      cli(['nodes', 'list', '--remote', '--json', '--servers', nats.url]).stdout,
    ) as { nodes: { type: string; workers: string[] }[] };
    expect(json.nodes.find((n) => n.type === 'AudioResample')?.workers).toEqual([id]);
  });

  it('drains on SIGTERM: an open session completes, then it exits with 0', async () => {
    const stream = await client.openStream('PyGain', { params: { gainDb: 6, clip: false } });
    await stream.send(frame([0.1, 0.2]));
    worker.child.kill('SIGTERM');
    // Draining: the worker has left the discovery store, and its open session goes on.
    while ((await client.workers()).length > 0) await new Promise((r) => setTimeout(r, 20));
    expect(worker.child.exitCode).toBeNull();
    await stream.send(frame([-0.3]));
    stream.end();
    const outputs: number[] = [];
    for await (const out of stream.outputs()) outputs.push(...(out as AudioFrame).samples);
    expect(outputs).toEqual([0.1, 0.2, -0.3].map((x) => Math.fround(Math.fround(x) * gain(6))));
    expect(await worker.exited).toBe(0);
    expect(worker.stdout()).toMatch(/drained after 2 calls and 1 sessions\n$/);
    expect(await client.workers()).toEqual([]);
  });
});

describe('remotemedia serve with [remote] in the config', () => {
  it('takes servers, name and tags from the config, and --tags adds to them', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'remotemedia.toml'),
      [
        '[nodes.native]',
        'packages = ["@remotemedia/node-format"]',
        '',
        '[remote]',
        `servers = ["${nats.url}"]`,
        'name = "from-config"',
        'tags = { role = "edge", zone = "us" }',
      ].join('\n'),
    );
    const configured = startCli(['serve', '--tags', 'zone=eu'], dir);
    try {
      await configured.waitFor('SIGTERM or Ctrl-C drains and stops it');
      const workers = await client.workers();
      expect(workers.map((w) => [w.name, w.tags, w.nodes.map((n) => n.type)])).toEqual([
        ['from-config', { role: 'edge', zone: 'eu' }, ['FormatConverter']],
      ]);
      configured.child.kill('SIGINT');
      expect(await configured.exited).toBe(0);
    } finally {
      configured.child.kill('SIGKILL');
    }
  });
});

describe('remotemedia serve errors', () => {
  it('rejects malformed --tags before connecting', () => {
    const r = cli(['serve', '--servers', 'nats://127.0.0.1:1', '--tags', 'gpu']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_INVALID_PARAM: --tags takes key=value pairs');
  });

  it('takes --servers on `nodes list` only with --remote', () => {
    const r = cli(['nodes', 'list', '--servers', 'nats://127.0.0.1:1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_INVALID_PARAM: --servers only applies with --remote');
  });

  it('fails with ERR_TRANSPORT when no NATS server listens', () => {
    const r = cli(['serve', '--servers', 'nats://127.0.0.1:1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_TRANSPORT: cannot connect to NATS at nats://127.0.0.1:1');
  });
});
