import { afterAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../tools/testing/rejection.js';
import { type AudioFrame, createPythonRuntime, PythonException } from '../src/index.js';
import { fixtures, python, recordingLogger } from './helpers.js';

const logger = recordingLogger();
const runtime = createPythonRuntime({ python, paths: [fixtures], logger });
afterAll(() => runtime.close());

function tone(frames: number, channels: number, rate = 16_000): AudioFrame {
  const samples = new Float32Array(frames * channels);
  for (let i = 0; i < samples.length; i++)
    samples[i] = 0.5 * Math.sin((2 * Math.PI * 440 * Math.floor(i / channels)) / rate);
  return { samples, sampleRate: rate, channels, timestamp: 40 };
}

describe('catalog', () => {
  it('lists the shipped and discovered node types with their metadata from the handshake', async () => {
    const definitions = await runtime.definitions();
    const types = definitions.map((d) => d.type);
    expect(types).toEqual(
      expect.arrayContaining(['PyGain', 'PyEnergyVAD', 'PySoxrResample', 'PyTextCase', 'Faulty']),
    );
    const gain = definitions.find((d) => d.type === 'PyGain');
    expect(gain?.runtime).toBe('python');
    expect(gain?.metadata.category).toBe('audio/effects');
    expect(gain?.metadata.params).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { gainDb: { type: 'number', default: 0 } },
    });
    expect(gain?.metadata.inputs).toEqual([{ name: 'audio', type: 'audio' }]);
  });

  it('reports a plugin module that fails to import and keeps serving the others', async () => {
    await runtime.definitions();
    const warning = logger.lines.find((l) =>
      l.message.includes("'broken_plugin' failed to import"),
    );
    expect(String(warning?.fields?.error)).toContain('this_module_does_not_exist');
  });

  it('rejects an unknown node type with ERR_NODE_NOT_FOUND naming what exists', async () => {
    const error = await rejection(runtime.create('NoSuchNode', {}));
    expect(error.code).toBe('ERR_NODE_NOT_FOUND');
    expect(error.message).toContain("'NoSuchNode'");
    expect(error.message).toContain('PyGain');
  });
});

describe('data through the bridge', () => {
  it('applies PyGain to stereo audio and keeps rate, channels and timestamp', async () => {
    const gain = await runtime.create('PyGain', { gainDb: -6 });
    const input = tone(320, 2);
    const out = (await gain.process(input)) as AudioFrame;
    expect(out.sampleRate).toBe(16_000);
    expect(out.channels).toBe(2);
    expect(out.timestamp).toBe(40);
    const factor = 10 ** (-6 / 20);
    expect(out.samples.length).toBe(input.samples.length);
    for (let i = 0; i < out.samples.length; i += 37) {
      expect(out.samples[i]).toBeCloseTo((input.samples[i] as number) * factor, 6);
    }
  });

  it('returns one second of 48 kHz stereo bit for bit through PassThrough', async () => {
    const echo = await runtime.create('PassThrough', {});
    const input = tone(48_000, 2, 48_000);
    const out = (await echo.process(input)) as AudioFrame;
    expect(Buffer.from(out.samples.buffer, out.samples.byteOffset, out.samples.byteLength)).toEqual(
      Buffer.from(input.samples.buffer),
    );
  });

  it('carries text, JSON and bytes', async () => {
    const upper = await runtime.create('PyTextCase', { mode: 'upper' });
    expect(await upper.process('héllo wörld')).toBe('HÉLLO WÖRLD');
    const echo = await runtime.create('PassThrough', {});
    expect(await echo.process({ a: [1, 2.5, 'x'], b: null })).toEqual({
      a: [1, 2.5, 'x'],
      b: null,
    });
    expect(await echo.process(new Uint8Array([0, 255, 7]))).toEqual(new Uint8Array([0, 255, 7]));
    expect(await echo.process(undefined)).toBeUndefined();
  });

  it('keeps node state between calls and returns it at flush', async () => {
    const stats = await runtime.create('PyWordStats', {});
    expect(await stats.process('one two three')).toEqual({ words: 3, chars: 13 });
    expect(await stats.process('four five')).toEqual({ words: 2, chars: 9 });
    expect(await stats.flush()).toEqual({ totalWords: 5 });
  });

  it('resamples a stream with soxr and returns the tail at flush', async () => {
    const resample = await runtime.create('PySoxrResample', { targetRate: 8_000 });
    let frames = 0;
    for (let i = 0; i < 10; i++)
      frames += ((await resample.process(tone(320, 1))) as AudioFrame).samples.length;
    frames += ((await resample.flush()) as AudioFrame).samples.length;
    expect(frames).toBe(1600);
  });

  it('keeps calls of one instance in order under backpressure', async () => {
    const small = createPythonRuntime({ python, maxInFlight: 2 });
    try {
      const echo = await small.create('PassThrough', {});
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => echo.process({ i })));
      expect(results).toEqual(Array.from({ length: 40 }, (_, i) => ({ i })));
    } finally {
      await small.close();
    }
  });
});

describe('errors from Python code', () => {
  it('maps InvalidParamError in initialize to ERR_INVALID_PARAM', async () => {
    const error = await rejection(runtime.create('FailingInit', { reason: 'param' }));
    expect(error.code).toBe('ERR_INVALID_PARAM');
    expect(error.message).toContain(
      "FailingInit.initialize raised InvalidParamError: reason 'param' is never accepted",
    );
  });

  it('maps any other exception in initialize to ERR_INTERNAL with the Python type and traceback', async () => {
    const error = await rejection(runtime.create('FailingInit', {}));
    expect(error.code).toBe('ERR_INTERNAL');
    expect(error.cause).toBeInstanceOf(PythonException);
    expect((error.cause as PythonException).pythonType).toBe('OSError');
    expect((error.cause as PythonException).traceback).toContain('faulty_nodes.py');
  });

  it('rejects an unknown param by name', async () => {
    const error = await rejection(runtime.create('PyGain', { gain: 3 }));
    expect(error.code).toBe('ERR_INVALID_PARAM');
    expect(error.message).toContain("unknown param 'gain'");
  });

  it('reports a raising process with its traceback and stays usable with its state', async () => {
    const node = await runtime.create('Faulty', {});
    const first = (await node.process({})) as { calls: number; pid: number };
    const error = await rejection(node.process({ do: 'raise' }));
    expect(error.code).toBe('ERR_INTERNAL');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Faulty.process raised RuntimeError: asked to fail');
    expect(error.message).toContain('Python traceback:');
    expect(await node.process({})).toEqual({ calls: 3, pid: first.pid });
  });

  it('maps InvalidInputError to ERR_INVALID_INPUT', async () => {
    const node = await runtime.create('Faulty', {});
    const error = await rejection(node.process({ do: 'bad-input' }));
    expect(error.code).toBe('ERR_INVALID_INPUT');
    expect((error.cause as PythonException).pythonType).toBe('InvalidInputError');
  });

  it('rejects malformed audio before sending it and stays usable', async () => {
    const gain = await runtime.create('PyGain', {});
    const error = await rejection(
      gain.process({ samples: new Float32Array(5), sampleRate: 16_000, channels: 2 }),
    );
    expect(error.code).toBe('ERR_INVALID_INPUT');
    expect(error.message).toContain('5 interleaved samples do not divide into 2 channels');
    expect(((await gain.process(tone(4, 2))) as AudioFrame).samples.length).toBe(8);
  });

  it.each([0.5, 44_100.5])(
    'rejects a sample rate of %s (the worker reads whole Hz) as ERR_INVALID_INPUT',
    async (sampleRate) => {
      const gain = await runtime.create('PyGain', {});
      const error = await rejection(
        gain.process({ samples: new Float32Array(4), sampleRate, channels: 1 }),
      );
      expect(error.code).toBe('ERR_INVALID_INPUT');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(`sampleRate must be a positive integer, got ${sampleRate}`);
    },
  );

  it('forwards worker stderr to the logger with the node that was running', async () => {
    const node = await runtime.create('Faulty', {});
    const { pid } = (await node.process({ do: 'stderr' })) as { pid: number };
    await expect
      .poll(() => logger.lines.find((l) => l.message === `python: diagnostic from ${pid}`))
      .toBeDefined();
    const line = logger.lines.find((l) => l.message === `python: diagnostic from ${pid}`);
    expect(line?.level).toBe('warn');
    expect(line?.fields?.worker).toBe(pid);
    expect(line?.fields?.node).toBe('Faulty');
    expect(line?.fields?.call).toBe('Faulty.process');
  });

  it('throws ERR_CLOSED after an instance is closed', async () => {
    const node = await runtime.create('PassThrough', {});
    await node.close();
    await node.close();
    expect((await rejection(Promise.resolve().then(() => node.process(1)))).code).toBe(
      'ERR_CLOSED',
    );
  });
});
