import { RemoteMediaError } from '@remotemedia/errors';
import { AudioResample } from '@remotemedia/node-resample';
import { Type } from 'typebox';
import { describe, expect, it, vi } from 'vitest';
import { rejection } from '../../../tools/testing/rejection.js';
import { testNode } from '../../../tools/testing/test-node.js';
import {
  defineNode,
  type Logger,
  type NodeDefinition,
  NodeRegistry,
  type PythonRuntimeProvider,
} from '../src/index.js';
import { assertNodeRegistered } from '../src/testing.js';
import { Gain, Pass } from './helpers.js';

const NativeEcho = testNode('Echo', {
  runtime: 'rust',
  description: 'echo',
  create: () => ({ process: (v: unknown) => ({ native: v }) }),
});

function fakePython(
  types: string[],
): PythonRuntimeProvider & { created: string[]; closed: number } {
  const created: string[] = [];
  const provider = {
    created,
    closed: 0,
    definitions: async (): Promise<NodeDefinition[]> =>
      types.map((type) => ({
        type,
        runtime: 'python' as const,
        metadata: {
          category: 'ml',
          description: `python ${type}`,
          params: { type: 'object', properties: { lang: { type: 'string' } } },
          inputs: [{ name: 'in', type: 'any' as const }],
          outputs: [{ name: 'out', type: 'any' as const }],
        },
        create: () => ({ process: (v: unknown) => v }),
      })),
    create: async (type: string, params: Record<string, unknown>) => {
      created.push(`${type}:${JSON.stringify(params)}`);
      return { process: (v: unknown) => ({ python: type, v }) };
    },
    close: async () => {
      provider.closed++;
    },
  };
  return provider;
}

describe('NodeRegistry.builder', () => {
  it('registers native, TS and Python nodes in one chain and lists them', () => {
    const other = NodeRegistry.builder().ts(Pass).build();
    const registry = NodeRegistry.builder()
      .rust(AudioResample)
      .rustWith(NativeEcho, { ignored: 1 } as never)
      .ts(Gain)
      .python('OmniASRNode')
      .pythonBatch(['KokoroTTSNode', 'FilterNode'])
      .rustIf(false, { ...NativeEcho, type: 'GpuNode' } as const)
      .merge(other)
      .build();
    expect(registry.listNodeTypes()).toEqual([
      'AudioResample',
      'Echo',
      'FilterNode',
      'Gain',
      'KokoroTTSNode',
      'OmniASRNode',
      'Pass',
    ]);
    expect(registry.has('GpuNode')).toBe(false);
    expect(registry.getMetadata('AudioResample')?.category).toBe('audio/conversion');
    expect(registry.runtimesOf('OmniASRNode')).toEqual(['python']);
    assertNodeRegistered(registry, 'AudioResample', 'Gain', 'OmniASRNode');
  });

  it('is immutable: deriving a chain does not change the builder it came from', () => {
    const base = NodeRegistry.builder().ts(Pass);
    const withGain = base.ts(Gain);
    expect(base.build().listNodeTypes()).toEqual(['Pass']);
    expect(withGain.build().listNodeTypes()).toEqual(['Gain', 'Pass']);
  });

  it('rejects a duplicate type unless overridden', () => {
    const twice = NodeRegistry.builder().ts(Pass).ts(Pass);
    expect(() => twice.build()).toThrowError(/'Pass' is already registered.*override: true/);
    const replacement = { ...Pass, metadata: { ...Pass.metadata, description: 'replaced' } };
    const registry = NodeRegistry.builder().ts(Pass).ts(replacement, { override: true }).build();
    expect(registry.getMetadata('Pass')?.description).toBe('replaced');
  });

  it('refuses a definition registered under the wrong runtime', () => {
    expect(() => NodeRegistry.builder().rust(Gain as never)).toThrowError(
      /register it with \.ts\(\)/,
    );
  });

  it('logs each registration and the final count at debug level', () => {
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    NodeRegistry.builder().ts(Pass).python('Asr').build({ logger });
    const messages = vi.mocked(logger.debug).mock.calls.map((c) => c[0]);
    expect(messages).toEqual([
      'registered node type Pass',
      'registered node type Asr',
      'node registry built with 2 node types',
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe('createNode', () => {
  const registry = NodeRegistry.builder().ts(Gain).rust(AudioResample).rust(NativeEcho).build();

  it('creates a TS node with validated params', async () => {
    const node = await registry.createNode('Gain', { gain: 2 });
    const out = (await node.process({
      samples: Float32Array.of(1, -0.5),
      sampleRate: 8000,
      channels: 1,
    })) as { samples: Float32Array };
    expect([...out.samples]).toEqual([2, -1]);
  });

  it('names every offending field with ERR_INVALID_PARAM', async () => {
    const error = await rejection(registry.createNode('Gain', { gain: 20, gian: 1 } as never));
    expect(error.code).toBe('ERR_INVALID_PARAM');
    expect(error.message).toBe(
      "invalid params for Gain: unknown param 'gian'; allowed: gain; params.gain must be <= 10",
    );
  });

  it('validates native definitions against their own schema, unknown keys included', async () => {
    const missing = await rejection(registry.createNode('AudioResample', {} as never));
    expect(missing.message).toContain('params.to is required');
    const unknown = await rejection(
      registry.createNode('AudioResample', { to: 16000, qualty: 'high' } as never),
    );
    expect(unknown.message).toContain("unknown param 'qualty'");
    const node = await registry.createNode('AudioResample', { to: 16000 });
    expect(typeof node.process).toBe('function');
    node.close?.();
  });

  it('applies a rustWith transform before validation and create', async () => {
    const seen: unknown[] = [];
    const Spy = {
      ...NativeEcho,
      create: (p: unknown) => {
        seen.push(p);
        return { process: () => 1 };
      },
    } as const;
    const transformed = NodeRegistry.builder()
      .rustWith(Spy, (p) => ({ ...(p as object), extra: true }) as never)
      .build();
    // The transform adds a key the schema does not allow: validation sees the transformed params.
    const error = await rejection(transformed.createNode('Echo', {}));
    expect(error.message).toContain("unknown param 'extra'");
    expect(seen).toEqual([]);
  });

  it('suggests the closest type for a typo', async () => {
    const error = await rejection(registry.createNode('AudioResampel' as never));
    expect(error.code).toBe('ERR_NODE_NOT_FOUND');
    expect(error.message).toContain("did you mean 'AudioResample'?");
  });

  it('reports a missing Python runtime and how to configure it', async () => {
    const py = NodeRegistry.builder().python('OmniASRNode').build();
    const error = await rejection(py.createNode('OmniASRNode', {}));
    expect(error.code).toBe('ERR_NODE_NOT_FOUND');
    expect(error.message).toContain('Python runtime, which is not configured');
    expect(error.message).toContain('setPythonRuntime');
  });

  it('auto prefers the native node and falls back to Python for the same type', async () => {
    const python = fakePython(['Echo', 'Asr']);
    const both = NodeRegistry.builder()
      .rustIf(process.env.REMOTEMEDIA_TEST_NO_NATIVE !== '1', NativeEcho)
      .python('Echo')
      .python('Asr')
      .build({ python });
    expect(await (await both.createNode('Echo', {})).process(1)).toEqual({ native: 1 });
    expect(await (await both.createNode('Echo', {}, { runtime: 'python' })).process(1)).toEqual({
      python: 'Echo',
      v: 1,
    });
    const withoutNative = NodeRegistry.builder()
      .rustIf(false, NativeEcho)
      .python('Echo')
      .build({ python });
    expect(await (await withoutNative.createNode('Echo', {})).process(2)).toEqual({
      python: 'Echo',
      v: 2,
    });
    expect(python.created).toEqual(['Echo:{}', 'Echo:{}']);
  });

  it('validates Python params against the schema from the handshake, and closes the provider', async () => {
    const python = fakePython(['Asr']);
    const registry = NodeRegistry.builder().python('Asr').build();
    registry.setPythonRuntime(python);
    const error = await rejection(registry.createNode('Asr', { lang: 3 }));
    expect(error.message).toBe('invalid params for Asr: params.lang must be string');
    await registry.createNode('Asr', { lang: 'en' });
    await registry.loadPythonDefinitions();
    expect(registry.getMetadata('Asr')?.description).toBe('python Asr');
    await registry.close();
    expect(python.closed).toBe(1);
  });

  it('says which runtimes exist when the asked one does not', async () => {
    const error = await rejection(registry.createNode('Gain', { gain: 1 }, { runtime: 'rust' }));
    expect(error.message).toContain('has no rust implementation (available: ts)');
  });

  it('wraps errors thrown by create', async () => {
    const Failing = defineNode({
      type: 'Failing',
      category: 't',
      description: 't',
      params: Type.Object({}),
      inputs: [],
      outputs: [],
      create: () => {
        throw new RemoteMediaError('ERR_INVALID_PARAM', 'sample rate 3 is below 8000');
      },
    });
    const r = NodeRegistry.builder().ts(Failing).build();
    const error = await rejection(r.createNode('Failing', {}));
    expect(error.code).toBe('ERR_INVALID_PARAM');
    expect(error.message).toBe('sample rate 3 is below 8000');
  });
});

describe('assertNodeRegistered', () => {
  it('lists every missing type with a suggestion', () => {
    const registry = NodeRegistry.builder().ts(Gain).build();
    expect(() => assertNodeRegistered(registry, 'Gain', 'Gian', 'Vad')).toThrowError(
      "node type(s) not registered: 'Gian' (did you mean 'Gain'?), 'Vad'; registered: Gain",
    );
  });
});
