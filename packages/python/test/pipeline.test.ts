// A mixed pipeline through @remotemedia/core: the native resampler, then a Python gain node.
import {
  type AudioFrame,
  createPipeline,
  NodeRegistry,
  type PythonRuntimeProvider,
} from '@remotemedia/core';
import { AudioResample } from '@remotemedia/node-resample';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createPythonRuntime, type PythonRuntime } from '../src/index.js';
import { fixtures, python, recordingLogger } from './helpers.js';

const logger = recordingLogger();
const runtime = createPythonRuntime({ python, paths: [fixtures], logger });
afterAll(() => runtime.close());

describe('mixed rust + python pipeline', () => {
  it('is a PythonRuntimeProvider for core', () => {
    expectTypeOf<PythonRuntime>().toExtend<PythonRuntimeProvider>();
  });

  it('resamples 48 kHz to 16 kHz in Rust, then applies -6 dB in Python, over 20 ms frames', async () => {
    const registry = NodeRegistry.builder()
      .rust(AudioResample)
      .python('PyGain')
      .build({ python: runtime });
    await registry.loadPythonDefinitions();
    expect(registry.getMetadata('PyGain')?.category).toBe('audio/effects');
    const pipeline = await createPipeline(registry, {
      version: 1,
      nodes: [
        { id: 'rs', type: 'AudioResample', params: { to: 16_000 } },
        { id: 'gain', type: 'PyGain', params: { gainDb: -6 } },
      ],
      connections: [{ from: 'rs', to: 'gain' }],
    });
    const frames: AudioFrame[] = [];
    for (let f = 0; f < 50; f++) {
      const samples = new Float32Array(960);
      for (let i = 0; i < 960; i++)
        samples[i] = 0.8 * Math.sin((2 * Math.PI * 440 * (f * 960 + i)) / 48_000);
      frames.push({ samples, sampleRate: 48_000, channels: 1 });
    }
    let count = 0;
    let peak = 0;
    for await (const out of pipeline.stream(frames)) {
      const frame = out as AudioFrame;
      expect(frame.sampleRate).toBe(16_000);
      count += frame.samples.length;
      for (const v of frame.samples) peak = Math.max(peak, Math.abs(v));
    }
    await pipeline.close();
    expect(count).toBeGreaterThan(15_000);
    expect(count).toBeLessThanOrEqual(16_000);
    expect(peak).toBeCloseTo(0.8 * 10 ** (-6 / 20), 2);
  });

  it("logs a worker's stderr with the id of the pipeline node that printed it", async () => {
    const registry = NodeRegistry.builder().python('Faulty').build({ python: runtime });
    const pipeline = await createPipeline(registry, {
      version: 1,
      nodes: [{ id: 'diagnostics', type: 'Faulty' }],
      connections: [],
    });
    const outputs = await pipeline.execute({ diagnostics: { do: 'stderr' } });
    const { pid } = outputs.diagnostics as { pid: number };
    const message = `python: diagnostic from ${pid}`;
    await expect.poll(() => logger.lines.find((l) => l.message === message)).toBeDefined();
    const line = logger.lines.find((l) => l.message === message);
    expect(line?.fields).toMatchObject({ node: 'diagnostics', call: 'Faulty.process' });
    await pipeline.close();
  });
});
