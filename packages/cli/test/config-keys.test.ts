// remotemedia.toml keys that every JS object has (valueOf, __proto__, ...) and dates where a table
// belongs: both are refused as unknown keys or wrong types, never looked up on Object.prototype.
// A table only its sub-tables define is reported at the first of them.
import { isRemoteMediaError } from '@remotemedia/errors';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse-config.js';

/** The message of the ERR_INVALID_PARAM that `toml` is refused with. */
function refusal(toml: string): string {
  try {
    parseConfig(toml, 'remotemedia.toml');
  } catch (error) {
    if (isRemoteMediaError(error, 'ERR_INVALID_PARAM')) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${toml}`);
}

describe('remotemedia.toml keys and tables', () => {
  it.each([
    ['valueOf = 1', "remotemedia.toml:1: unknown key 'valueOf' at the top level"],
    [
      '[python]\nhasOwnProperty = 1',
      "remotemedia.toml:2: unknown key 'hasOwnProperty' in [python]",
    ],
    ['[__proto__]', "remotemedia.toml:1: unknown key '__proto__' at the top level"],
    ['constructor = "x"', "remotemedia.toml:1: unknown key 'constructor' at the top level"],
    [
      '[nodes.python]\nnodes = [{ class = "A", module = "a", toString = 1 }]',
      "remotemedia.toml:2: unknown key 'toString' in nodes.python.nodes[0]; allowed: class, module",
    ],
  ])('refuses the inherited key in %j', (toml, problem) => {
    expect(refusal(toml)).toContain(problem);
  });

  it.each([
    ['live = 1979-05-27', 'remotemedia.toml:1: [live] must be a table'],
    [
      '[remote]\ntags = 1979-05-27',
      'remotemedia.toml:2: remote.tags must be a table of strings, e.g. { gpu = "true" }',
    ],
    [
      '[live]\npipelines = 1979-05-27T07:32:00Z',
      'remotemedia.toml:2: live.pipelines must be a table of name = "manifest file"',
    ],
    [
      '[nodes.python]\nnodes = [1979-05-27]',
      'remotemedia.toml:2: nodes.python.nodes must be an array of inline tables { class, module }',
    ],
  ])('refuses a date where a table belongs: %j', (toml, problem) => {
    const message = refusal(toml);
    expect(message).toContain('has 1 problem:');
    expect(message).toContain(problem);
  });

  it('reports a table that only its sub-tables define at the first of them', () => {
    const message = refusal('# deployment\n\n[remote.tags.gpu]\nmodel = "a"\n');
    expect(message).toContain(
      'remotemedia.toml:3: remote.tags must be a table of strings, e.g. { gpu = "true" }',
    );
  });
});
