// Manifests may come from files a user did not write: any text parses to a manifest object or
// ERR_MANIFEST, and validation reports problems as data with paths, never by throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { holds, outcome, splicedText } from '../../../tools/testing/property.js';
import { NodeRegistry, parseManifest, validateManifest } from '../src/index.js';
import { MANIFEST_LIMITS } from '../src/manifest/limits.js';
import { Gain, Pass } from './helpers.js';

const registry = NodeRegistry.builder().ts(Gain).ts(Pass).python('Asr').build();
const issueCodes = ['ERR_MANIFEST', 'ERR_NODE_NOT_FOUND', 'ERR_INVALID_PARAM', 'ERR_CYCLE'];

const id = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'src', 'a/b', 'x~y'),
  fc.string({ maxLength: 8 }),
);
const nodeArb = fc.record(
  {
    id,
    type: fc.oneof(fc.constantFrom('Gain', 'Pass', 'Asr', 'Gian', ''), fc.anything()),
    params: fc.oneof(
      fc.record({ gain: fc.oneof(fc.double(), fc.anything()) }, { requiredKeys: [] }),
      fc.anything(),
    ),
    runtime: fc.oneof(fc.constantFrom('auto', 'rust', 'python', 'ts', 'gpu'), fc.anything()),
    placement: fc.anything(),
  },
  { requiredKeys: [] },
);
const connectionArb = fc.record(
  {
    from: id,
    to: id,
    fromKey: fc.constantFrom('audio', 'out', 'text', 'nope'),
    toKey: fc.constantFrom('audio', 'in', 'nope'),
  },
  { requiredKeys: [] },
);
const manifestArb = fc.record(
  {
    version: fc.oneof(fc.constantFrom(1, '1', 2), fc.anything()),
    nodes: fc.oneof(fc.array(fc.oneof(nodeArb, fc.anything()), { maxLength: 6 }), fc.anything()),
    connections: fc.oneof(fc.array(fc.oneof(connectionArb, fc.anything()), { maxLength: 8 })),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

/** Manifest-shaped text (JSON or YAML), then a few characters changed, cut or inserted. */
const textArb = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  splicedText(fc.tuple(manifestArb, fc.boolean()), ([manifest, json]) =>
    json ? (JSON.stringify(manifest) ?? '') : stringify(manifest),
  ),
);

function checkValidation(value: unknown): void {
  const result = validateManifest(value, registry);
  expect(result.ok).toBe(result.errors.length === 0);
  for (const issue of result.errors) {
    expect(typeof issue.path).toBe('string');
    expect(issueCodes).toContain(issue.code);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

describe('manifests from untrusted text', () => {
  it('any text parses to a manifest or ERR_MANIFEST, and validates to issues with paths', () => {
    holds(
      'parseManifest + validateManifest (text)',
      fc.property(textArb, (text) => {
        let manifest: unknown;
        const result = outcome(() => {
          manifest = parseManifest(text);
        }, ['ERR_MANIFEST']);
        if (result === 'ok') checkValidation(manifest);
      }),
    );
  });

  it('any value validates to issues with paths, never a throw', () => {
    holds(
      'validateManifest (values)',
      fc.property(fc.oneof(manifestArb, fc.anything()), (value) => checkValidation(value)),
    );
  });

  it('refuses text over the size limit before parsing it', () => {
    const text = `{"version":1,"nodes":[${' '.repeat(MANIFEST_LIMITS.textChars)}]}`;
    expect(() => parseManifest(text)).toThrow(/over the 1048576-character limit/);
  });

  it('reports more nodes or connections than the limits allow at their path', () => {
    const nodes = Array.from({ length: MANIFEST_LIMITS.nodes + 1 }, (_, i) => ({
      id: `n${i}`,
      type: 'Pass',
    }));
    const connections = Array.from({ length: MANIFEST_LIMITS.connections + 1 }, () => ({
      from: 'n0',
      to: 'n1',
    }));
    const result = validateManifest({ version: 1, nodes, connections }, registry);
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        path: 'nodes',
        message: 'nodes must NOT have more than 1000 items',
      }),
    );
    expect(result.errors).toContainEqual(expect.objectContaining({ path: 'connections' }));
  });

  it('refuses YAML with warnings instead of printing them', () => {
    expect(() => parseManifest('%FOO bar\n---\nversion: 1\n')).toThrow(/Unknown directive/);
    expect(() => parseManifest('version: !custom 1\nnodes: []\n')).toThrow(/Unresolved tag/);
  });

  it('refuses a value that is not text', () => {
    expect(() => parseManifest(42 as unknown as string)).toThrow(/must be text, got number/);
  });
});
