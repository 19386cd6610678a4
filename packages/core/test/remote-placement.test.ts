// Remote placement: `.remote(type, { tags })`, manifest `placement`, and the provider seam.
import { describe, expect, it } from 'vitest';
import {
  createPipeline,
  type NodeInstance,
  NodeRegistry,
  type RemoteRuntimeProvider,
  validateManifest,
} from '../src/index.js';
import { Gain } from './helpers.js';

function fakeRemote() {
  const created: { type: string; params: Record<string, unknown>; tags: Record<string, string> }[] =
    [];
  const provider: RemoteRuntimeProvider = {
    async create(type, params, { tags }): Promise<NodeInstance> {
      created.push({ type, params, tags });
      return { process: (v: unknown) => ({ remote: type, v }) };
    },
    close: async () => undefined,
  };
  return { provider, created };
}

describe('remote placement', () => {
  it('.remote() types are created through the provider with their tags', async () => {
    const { provider, created } = fakeRemote();
    const registry = NodeRegistry.builder()
      .remote('ASR', { tags: { gpu: 'true' } })
      .build({ remote: provider });
    expect(registry.listNodeTypes()).toEqual(['ASR']);
    const node = await registry.createNode('ASR', { lang: 'en' });
    expect(await node.process(1)).toEqual({ remote: 'ASR', v: 1 });
    expect(created).toEqual([{ type: 'ASR', params: { lang: 'en' }, tags: { gpu: 'true' } }]);
  });

  it('without a provider, a remote type fails with ERR_NODE_NOT_FOUND saying how to configure one', async () => {
    const registry = NodeRegistry.builder().remote('ASR').build();
    await expect(registry.createNode('ASR')).rejects.toMatchObject({
      code: 'ERR_NODE_NOT_FOUND',
      message: expect.stringContaining('build({ remote })'),
    });
  });

  it('a manifest node with placement runs remote; local params are still validated', async () => {
    const { provider, created } = fakeRemote();
    const registry = NodeRegistry.builder().ts(Gain).build({ remote: provider });
    const manifest = {
      version: 1 as const,
      nodes: [
        {
          id: 'g',
          type: 'Gain',
          params: { gain: 2 },
          placement: { remote: true, tags: { zone: 'a' } },
        },
      ],
    };
    expect(validateManifest(manifest, registry)).toEqual({ ok: true, errors: [] });
    const pipeline = await createPipeline(registry, manifest);
    expect(await pipeline.execute({ g: 5 })).toEqual({ g: { remote: 'Gain', v: 5 } });
    expect(created[0]?.tags).toEqual({ zone: 'a' });
    const bad = {
      ...manifest,
      nodes: [{ id: 'g', type: 'Gain', params: { gain: 99 }, placement: { remote: true } }],
    };
    await expect(createPipeline(registry, bad)).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
    });
  });

  it('validation reports a remote placement without a remote runtime, and bad placement shapes', () => {
    const registry = NodeRegistry.builder().ts(Gain).build();
    const result = validateManifest(
      {
        version: 1,
        nodes: [
          { id: 'a', type: 'Gain', params: { gain: 1 }, placement: { remote: true } },
          { id: 'b', type: 'Gain', params: { gain: 1 }, placement: { tags: { x: 1 } } },
        ],
      },
      registry,
    );
    expect(result.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'nodes[0].placement',
        'nodes[1].placement.remote',
        'nodes[1].placement.tags.x',
      ]),
    );
  });
});
