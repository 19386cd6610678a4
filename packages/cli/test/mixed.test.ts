// Example 3: Rust nodes (FormatConverter, AudioResample) and Python nodes (PyGain, PyEnergyVAD)
// in one pipeline, the Python ones configured in remotemedia.toml and run by the repo's .venv.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '@remotemedia/node-format';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, examplesDir, type Region, readJson, speechFixture, tempDir } from './helpers.js';

const example = join(examplesDir, 'mixed-rust-python');
const config = join(example, 'remotemedia.toml');
const asset = join(examplesDir, 'assets', 'speech-48k-stereo.wav');
const GAIN_DB = -6; // pipeline.yaml
const HANGOVER_MS = 5 * 20; // PyEnergyVAD hangoverFrames x 20 ms frames
const FRAME_MS = 20;

interface Decision {
  speech: boolean;
  levelDb: number;
  timestamp: number;
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('example mixed-rust-python: listing', () => {
  it('lists the Python nodes from the workers’ handshake next to the Rust ones', () => {
    const r = cli(['nodes', 'list', '-c', config]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Rust nodes:',
        '  - AudioResample (audio/conversion)',
        '  - FormatConverter (audio/conversion)',
        '',
        'Python nodes:',
        '  - PyEnergyVAD (audio/analysis)',
        '  - PyGain (audio/effects)',
        '',
      ].join('\n'),
    );
  });

  it('shows a Python node’s params with their types and defaults', () => {
    const r = cli(['nodes', 'info', 'PyGain', '--json', '-c', config]);
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ type: 'PyGain', runtime: 'python', category: 'audio/effects' });
    expect(info.params).toEqual([
      {
        name: 'gainDb',
        type: 'number -120..60',
        required: false,
        default: 0,
        minimum: -120,
        maximum: 60,
      },
      { name: 'clip', type: 'boolean', required: false, default: true },
    ]);
  });

  it('validates the manifest (Python types named in the config)', () => {
    const r = cli(['validate', 'pipeline.yaml'], { cwd: example });
    expect(r.stdout).toBe('pipeline.yaml is valid: 4 nodes, 3 connections\n');
    expect(r.status).toBe(0);
  });
});

describe('example mixed-rust-python: run', () => {
  it('applies the Python gain exactly to the Rust-resampled audio', () => {
    const out = join(dir, 'gain.wav');
    const r = cli(['run', 'pipeline.yaml', '-i', asset, '-o', out, '--format', 'f32'], {
      cwd: example,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The same Rust nodes without the Python ones: the reference the gain applies to.
    const manifest = join(dir, 'reference.yaml');
    const reference = join(dir, 'reference.wav');
    const yaml = readFileSync(join(example, 'pipeline.yaml'), 'utf8');
    writeFileSync(
      manifest,
      yaml.slice(0, yaml.indexOf('  - id: gain')) +
        'connections:\n  - { from: mono, to: resample }\n',
    );
    const ref = cli([
      'run',
      manifest,
      '-c',
      config,
      '-i',
      asset,
      '-o',
      reference,
      '--format',
      'f32',
    ]);
    expect(ref.status).toBe(0);

    const gained = decodeWav(readFileSync(out));
    const plain = decodeWav(readFileSync(reference));
    expect([gained.sampleRate, gained.channels]).toEqual([16000, 1]);
    expect(gained.samples.length).toBe(plain.samples.length);
    const factor = Math.fround(10 ** (GAIN_DB / 20));
    let mismatches = 0;
    let peak = 0;
    plain.samples.forEach((x, i) => {
      if (gained.samples[i] !== Math.fround(x * factor)) mismatches++;
      peak = Math.max(peak, Math.abs(x));
    });
    expect(peak).toBeGreaterThan(0.1); // real speech went through
    expect(mismatches).toBe(0);
  });

  it('marks the generated sentences as speech and the silences around them as not', () => {
    const fixture = speechFixture(dir);
    const json = join(dir, 'results.json');
    const r = cli(['run', 'pipeline.yaml', '-i', fixture.file, '--json', json], { cwd: example });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const decisions = readJson<{ outputs: { vad: { decision: Decision[] } } }>(json).outputs.vad
      .decision;
    const within = (region: Region) =>
      decisions.filter((d) => d.timestamp >= region.startMs && d.timestamp < region.endMs);
    const [first, second] = fixture.speech as [Region, Region];
    // Silence is digital zero: no speech before the first sentence or after the hangover.
    expect(within({ startMs: 0, endMs: first.startMs - FRAME_MS }).every((d) => !d.speech)).toBe(
      true,
    );
    const pause = {
      startMs: fixture.gap.startMs + HANGOVER_MS + FRAME_MS,
      endMs: second.startMs - FRAME_MS,
    };
    expect(within(pause).length).toBeGreaterThan(40);
    expect(within(pause).every((d) => !d.speech)).toBe(true);
    for (const sentence of fixture.speech) {
      const inside = within(sentence);
      const speech = inside.filter((d) => d.speech).length;
      expect(speech / inside.length).toBeGreaterThan(0.9);
      const onset = decisions.find((d) => d.speech && d.timestamp >= sentence.startMs - FRAME_MS);
      expect(Math.abs((onset as Decision).timestamp - sentence.startMs)).toBeLessThanOrEqual(
        2 * FRAME_MS,
      );
    }
  });
});

describe('[python] executable', () => {
  const repoPython = join(examplesDir, '..', '.venv', 'bin', 'python');
  const toml = (python: string) =>
    `[nodes.python]\nnodes = [{ class = "PyGain", module = "remotemedia.nodes.gain" }]\n${python}`;

  it('falls back to $REMOTEMEDIA_PYTHON with a warning when the configured path is missing', () => {
    const project = tempDir();
    writeFileSync(
      join(project, 'remotemedia.toml'),
      toml('[python]\nexecutable = "./venv/bin/python"\n'),
    );
    const r = cli(['nodes', 'list', '--runtime', 'python'], {
      cwd: project,
      env: { REMOTEMEDIA_PYTHON: repoPython },
    });
    expect(r.stderr).toBe(
      `warning: skipped [python] executable: ${join(project, 'venv', 'bin', 'python')} does not exist (create it with 'python3 -m venv' and 'pip install remotemedia'); using ${repoPython} instead\n`,
    );
    expect(r.stdout).toBe('Python nodes:\n  - PyGain (audio/effects)\n');
  });

  it('uses the nearest .venv above the config when none is configured', () => {
    const project = tempDir();
    const deploy = join(project, 'deploy');
    mkdirSync(join(project, '.venv', 'bin'), { recursive: true });
    mkdirSync(deploy);
    // A stand-in interpreter that records being used, then runs the real one.
    const marker = join(project, 'used');
    const python = join(project, '.venv', 'bin', 'python');
    writeFileSync(python, `#!/bin/sh\ntouch '${marker}'\nexec '${repoPython}' "$@"\n`);
    chmodSync(python, 0o755);
    writeFileSync(join(deploy, 'remotemedia.toml'), toml(''));
    const r = cli(['nodes', 'list', '--runtime', 'python'], {
      cwd: deploy,
      env: { REMOTEMEDIA_PYTHON: '' },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Python nodes:\n  - PyGain (audio/effects)\n');
    expect(existsSync(marker)).toBe(true);
  });
});
