// `remotemedia run` outputs: --json with a sink that emits a very long array (e.g. one value per
// sample), and --output when the sink's audio changes format mid-stream.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '@remotemedia/node-format';
import { describe, expect, it } from 'vitest';
import { cli, examplesDir, pluginSource, readJson, tempDir, writePlugin } from './helpers.js';

const asset = join(examplesDir, 'assets', 'speech-48k-stereo.wav');

/** A plugin node whose first output is one array of 250000 numbers (over V8's argument limit). */
const PLUGIN = pluginSource(
  'LongArray',
  'one long array',
  { inputs: [{ name: 'in', type: 'audio' }], outputs: [{ name: 'values', type: 'json' }] },
  `
create() {
  let sent = false;
  return {
    process() {
      if (sent) return undefined;
      sent = true;
      return new Array(250000).fill(1);
    },
  };
},
`,
);

/**
 * A 440 Hz sine over the input's timeline: 48 kHz stereo frames for the first second, then
 * 16 kHz mono frames, as a node that switches model mid-stream might.
 */
const SWITCHING_SINE = pluginSource(
  'SwitchingSine',
  'a sine whose format changes after one second',
  { inputs: [{ name: 'in', type: 'audio' }], outputs: [{ name: 'out', type: 'audio' }] },
  `
create() {
  return {
    process(frame) {
      const seconds = frame.samples.length / frame.channels / frame.sampleRate;
      const [sampleRate, channels] = frame.timestamp < 1000 ? [48000, 2] : [16000, 1];
      const n = Math.round(seconds * sampleRate);
      const samples = new Float32Array(n * channels);
      for (let i = 0; i < n; i++) {
        const t = frame.timestamp / 1000 + i / sampleRate;
        for (let c = 0; c < channels; c++) samples[i * channels + c] = 0.5 * Math.sin(2 * Math.PI * 440 * t);
      }
      return { samples, sampleRate, channels, timestamp: frame.timestamp };
    },
  };
},
`,
);

/** A folder with remotemedia.toml, a plugin `name` exporting `source`, and a one-node manifest. */
function projectWith(name: string, source: string, type: string): string {
  const dir = tempDir();
  writePlugin(join(dir, 'plugins'), name, source);
  writeFileSync(join(dir, 'remotemedia.toml'), '[nodes.native]\nplugin_dirs = ["./plugins"]\n');
  writeFileSync(
    join(dir, 'pipeline.yaml'),
    `version: 1\nnodes:\n  - id: values\n    type: ${type}\nconnections: []\n`,
  );
  return dir;
}

describe('run --output', () => {
  it('converts frames of another format to the first frame format, keeping the timeline', () => {
    const dir = projectWith('switching-sine', SWITCHING_SINE, 'SwitchingSine');
    const r = cli(['run', 'pipeline.yaml', '-i', asset, '-o', 'out.wav', '--format', 'f32'], {
      cwd: dir,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /output frame\(s\) had another format than the first \(48000 Hz, 2 ch\)/,
    );
    const input = decodeWav(readFileSync(asset));
    const out = decodeWav(readFileSync(join(dir, 'out.wav')));
    expect(out).toMatchObject({ sampleRate: 48_000, channels: 2 });
    const frames = out.samples.length / 2;
    expect(Math.abs(frames - input.samples.length / input.channels)).toBeLessThanOrEqual(2);
    // Away from the switch and the end (resampler edges), the converted part is the same sine.
    let worst = 0;
    for (let i = 48_000 + 4_800; i < frames - 4_800; i++) {
      const expected = 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48_000);
      worst = Math.max(worst, Math.abs((out.samples[2 * i] as number) - expected));
      expect(out.samples[2 * i + 1]).toBe(out.samples[2 * i]);
    }
    expect(worst).toBeLessThan(1e-3);
    // The first second is the sine as the node produced it.
    expect(out.samples[2 * 1000]).toBeCloseTo(
      0.5 * Math.sin((2 * Math.PI * 440 * 1000) / 48_000),
      6,
    );
  });
});

describe('run --json', () => {
  it('collects a sink array of 250000 values', () => {
    const dir = projectWith('long-array', PLUGIN, 'LongArray');
    const r = cli(['run', 'pipeline.yaml', '-i', asset, '--json', 'out.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const results = readJson<{ outputs: { values: { values: number[] } } }>(join(dir, 'out.json'));
    expect(results.outputs.values.values.length).toBe(250_000);
  });
});
