import { AudioResample, type AudioResampleParams } from '@remotemedia/node-resample';
import { Type } from 'typebox';
import { describe, expectTypeOf, it } from 'vitest';
import { defineNode, type NodeInstance, NodeRegistry } from '../src/index.js';
import { Gain } from './helpers.js';

describe('types', () => {
  it('defineNode gives create the params type of its TypeBox schema', () => {
    const Node = defineNode({
      type: 'Typed',
      category: 'c',
      description: 'd',
      params: Type.Object({
        rate: Type.Integer(),
        mode: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])),
      }),
      inputs: [],
      outputs: [],
      create: (params) => {
        expectTypeOf(params).toEqualTypeOf<{ rate: number; mode?: 'a' | 'b' }>();
        return { process: () => undefined };
      },
    });
    expectTypeOf(Node.type).toEqualTypeOf<'Typed'>();
  });

  it('the builder accumulates node types and their params', () => {
    const registry = NodeRegistry.builder().rust(AudioResample).ts(Gain).python('Asr').build();
    expectTypeOf(registry.createNode<'AudioResample'>)
      .parameter(1)
      .toEqualTypeOf<AudioResampleParams | undefined>();
    expectTypeOf(registry.createNode<'Gain'>)
      .parameter(1)
      .toEqualTypeOf<{ gain: number } | undefined>();
    expectTypeOf(registry.createNode<'Asr'>)
      .parameter(1)
      .toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf(registry.createNode<'Asr'>).returns.toEqualTypeOf<Promise<NodeInstance>>();
    // @ts-expect-error an unregistered type does not compile
    void registry.createNode('Nope', {}).catch(() => {});
    // @ts-expect-error params of the wrong type do not compile
    void registry.createNode('Gain', { gain: 'loud' }).catch(() => {});
  });

  it('an untyped registry accepts any type name', () => {
    const registry = new NodeRegistry();
    expectTypeOf(registry.createNode).parameter(0).toEqualTypeOf<string>();
  });
});
