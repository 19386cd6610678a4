import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AudioResample } from '@remotemedia/node-resample';
import { describe, expect, it } from 'vitest';
import { testNode } from '../../../tools/testing/test-node.js';
import {
  createPipeline,
  isRemoteMediaError,
  loadManifest,
  manifestSchema,
  NodeRegistry,
  validateManifest,
} from '../src/index.js';
import { Gain, Pass } from './helpers.js';

const TextSource = testNode('TextSource', {
  description: 'emits text',
  outputs: [{ name: 'text', type: 'text' }],
  create: () => ({ process: () => 'hi' }),
});

const registry = NodeRegistry.builder()
  .rust(AudioResample)
  .ts(Gain)
  .ts(Pass)
  .ts(TextSource)
  .python('Asr')
  .build();

describe('validateManifest', () => {
  it('accepts a good manifest', () => {
    const result = validateManifest(
      {
        version: 1,
        nodes: [
          { id: 'in', type: 'Pass' },
          { id: 'gain', type: 'Gain', params: { gain: 0.5 } },
          { id: 'rs', type: 'AudioResample', params: { to: 16000 } },
          { id: 'asr', type: 'Asr', params: { anything: true } },
        ],
        connections: [
          { from: 'in', to: 'gain' },
          { from: 'gain', to: 'rs' },
          { from: 'rs', to: 'asr' },
        ],
      },
      registry,
    );
    expect(result).toEqual({ ok: true, errors: [] });
  });

  it('reports every problem at once, each with its path and code', () => {
    const result = validateManifest(
      {
        version: 1,
        nodes: [
          { id: 'a', type: 'Pass' },
          { id: 'b', type: 'AudioResampel' },
          { id: 'c', type: 'Gain', params: { gain: 'loud', extra: 1 } },
          { id: 'a', type: 'Pass' },
          { id: 'd', type: 'Pass', colour: 'red' },
          { id: 'e', type: 'TextSource' },
          { id: 'f', type: 'AudioResample', params: { to: 16000 } },
        ],
        connections: [
          { from: 'a', to: 'c' },
          { from: 'c', to: 'd' },
          { from: 'd', to: 'a' },
          { from: 'a', to: 'ghost' },
          { from: 'e', to: 'f' },
          { from: 'c', to: 'f', fromKey: 'nope' },
        ],
      },
      registry,
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { path: 'nodes[4].colour', code: 'ERR_MANIFEST', message: "unknown field 'colour'" },
      {
        path: 'nodes[1].type',
        code: 'ERR_NODE_NOT_FOUND',
        message: "unknown node type 'AudioResampel' (did you mean 'AudioResample'?)",
      },
      {
        path: 'nodes[2].params.extra',
        code: 'ERR_INVALID_PARAM',
        message: "Gain: unknown param 'extra'; allowed: gain",
      },
      {
        path: 'nodes[2].params.gain',
        code: 'ERR_INVALID_PARAM',
        message: 'Gain: params.gain must be number',
      },
      {
        path: 'nodes[3].id',
        code: 'ERR_MANIFEST',
        message: "duplicate node id 'a' (first used at nodes[0]); ids must be unique",
      },
      {
        path: 'connections[3].to',
        code: 'ERR_MANIFEST',
        message: "dangling connection: no node with id 'ghost'",
      },
      {
        path: 'connections[4]',
        code: 'ERR_MANIFEST',
        message: "port type mismatch: 'e' gives text but 'f' expects audio",
      },
      {
        path: 'connections[5].fromKey',
        code: 'ERR_MANIFEST',
        message: "'c' has no output port 'nope' (outputs: audio)",
      },
      {
        path: 'connections',
        code: 'ERR_CYCLE',
        message: 'cycle: a -> c -> d -> a; a pipeline must be acyclic',
      },
    ]);
  });

  it('reports a broken shape without throwing', () => {
    const result = validateManifest({ nodes: 'x' }, registry);
    expect(result.errors.map((e) => e.path)).toEqual(['version', 'nodes']);
  });

  it('refuses a manifest without nodes (its stream would never end)', async () => {
    expect(validateManifest({ version: 1, nodes: [] }, registry).errors).toEqual([
      {
        path: 'nodes',
        code: 'ERR_MANIFEST',
        message: 'a pipeline needs at least one node',
      },
    ]);
    await expect(createPipeline(registry, { version: 1, nodes: [] })).rejects.toMatchObject({
      code: 'ERR_MANIFEST',
    });
  });

  it('a node missing its type is reported once, not also as a dangling connection', () => {
    const result = validateManifest(
      {
        version: 1,
        nodes: [{ id: 'in' }, { id: 'gain', type: 'Gain', params: { gain: 1 } }],
        connections: [{ from: 'in', to: 'gain' }],
      },
      registry,
    );
    expect(result.errors).toEqual([
      { path: 'nodes[0].type', code: 'ERR_MANIFEST', message: 'nodes[0].type is required' },
    ]);
  });

  it('names a key with / or ~ in a path as written, not JSON-Pointer escaped', () => {
    const result = validateManifest(
      {
        version: 1,
        nodes: [{ id: 'a', type: 'Pass', placement: { remote: true, tags: { 'zone/eu~1': 5 } } }],
      },
      registry,
    );
    expect(result.errors[0]).toEqual({
      path: 'nodes[0].placement.tags.zone/eu~1',
      code: 'ERR_MANIFEST',
      message: 'nodes[0].placement.tags.zone/eu~1 must be string',
    });
  });

  it('createPipeline refuses an invalid manifest with the validation errors', async () => {
    const error = await createPipeline(registry, {
      version: 1,
      nodes: [
        { id: 'a', type: 'Pass' },
        { id: 'b', type: 'Pass' },
      ],
      connections: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    }).catch((e: unknown) => e);
    expect(isRemoteMediaError(error, 'ERR_CYCLE')).toBe(true);
    expect((error as Error).message).toContain('connections: cycle: a -> b -> a');
  });
});

describe('loadManifest', () => {
  const yamlText = `version: 1
nodes:
  - id: gain
    type: Gain
    params: { gain: 2 }
connections: []
`;

  it('reads YAML and JSON text and files', async () => {
    const fromYaml = await loadManifest(yamlText);
    expect(fromYaml.nodes[0]).toEqual({ id: 'gain', type: 'Gain', params: { gain: 2 } });
    const json = JSON.stringify(fromYaml);
    expect(await loadManifest(json)).toEqual(fromYaml);
    const file = join(tmpdir(), `remotemedia-manifest-${process.pid}.yaml`);
    writeFileSync(file, yamlText);
    expect(await loadManifest(file)).toEqual(fromYaml);
  });

  it('says what is wrong with unreadable or unparsable input', async () => {
    await expect(loadManifest('/no/such/manifest.yaml')).rejects.toMatchObject({ code: 'ERR_IO' });
    await expect(loadManifest('{ "version": 1, ')).rejects.toMatchObject({ code: 'ERR_MANIFEST' });
    await expect(loadManifest('- a\n- b\n')).rejects.toThrowError(/must be an object/);
  });

  it('publishes the schema it validates with', () => {
    const file = new URL('../schema/manifest.schema.json', import.meta.url);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(manifestSchema);
  });
});
