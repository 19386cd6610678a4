import { describe, expect, it } from 'vitest';
import { readKitNodeSet } from '../src/index.js';

const port = { name: 'audio', type: 'audio' as const };
const entry = (type: string) => ({
  type,
  runtime: 'rust',
  category: 'audio/effects',
  description: `${type} node`,
  params: { type: 'object', additionalProperties: false, properties: {} },
  inputs: [port],
  outputs: [port],
});

describe('readKitNodeSet', () => {
  class KitChain {}
  const set = readKitNodeSet({
    kitMetadata: () => JSON.stringify([entry('Gain'), entry('Mute')]),
    KitChain: KitChain as never,
  });

  it("lists the set's types in order and gives each one's metadata without the runtime", () => {
    expect(set.types).toEqual(['Gain', 'Mute']);
    const { type: _type, runtime: _runtime, ...meta } = entry('Mute');
    expect(set.metadata('Mute')).toEqual(meta);
  });

  it('gives one definition per node, all sharing the set’s fusion handle', () => {
    const [gain, mute] = set.definitions();
    expect(gain).toMatchObject({ type: 'Gain', runtime: 'rust', metadata: set.metadata('Gain') });
    expect(mute?.native).toBe(gain?.native);
    expect(set.definition('Mute').native).toBe(set.native);
  });

  it('names the types it has when asked for one it does not', () => {
    for (const ask of [() => set.metadata('Gian'), () => set.definition('Gian')]) {
      expect(ask).toThrow(
        expect.objectContaining({
          code: 'ERR_NODE_NOT_FOUND',
          message: expect.stringContaining('Gain, Mute'),
        }),
      );
    }
  });
});
