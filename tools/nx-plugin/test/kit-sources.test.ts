// What a generated package's build writes from its Rust nodes' metadata, on the metadata the
// shipped FormatConverter publishes (an enum, integer bounds, two output ports).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const render = createRequire(import.meta.url)('../../kit-sources/render.cjs') as {
  kitSources(nodes: unknown[], processors: Record<string, string>): string;
  kitReadme(nodes: unknown[], processors: Record<string, string>, packageName: string): string;
  processorName(type: string, processors?: Record<string, string>): string;
};
const nodes = JSON.parse(
  readFileSync(new URL('../../../packages/node-format/nodes.json', import.meta.url), 'utf8'),
).nodes;

describe('kit sources', () => {
  it('names a streaming class after its node, unless package.json names it', () => {
    expect(render.processorName('Denoise')).toBe('Denoiser');
    expect(render.processorName('Boost')).toBe('Booster');
    expect(render.processorName('FormatConverter')).toBe('FormatConverterStream');
    expect(render.processorName('Gain', { Gain: 'GainStage' })).toBe('GainStage');
  });

  it('types params from the schema, with docs, bounds and defaults', () => {
    const ts = render.kitSources(nodes, {});
    expect(ts).toContain(
      '  /** Sample format of the pcm output (f32: no pcm output). @default "f32" */\n' +
        '  format?: "f32" | "s16" | "s24" | "s32" | "u8";',
    );
    expect(ts).toContain(
      '  /** Output channel count. Bounds: >= 1, <= 64. */\n  channels?: number;',
    );
    expect(ts).toContain(
      'export type FormatConverterOutput = { "audio"?: AudioFrame; "pcm"?: Uint8Array };',
    );
    expect(ts).toContain(
      "export const FormatConverterStream = kitNodeSet.processor<FormatConverterParams>('FormatConverter', 'FormatConverterStream');",
    );
    expect(ts).toContain('export const nodes = kitNodeSet.definitions();');
  });

  it('writes the README params table with escaped unions and the ports', () => {
    const md = render.kitReadme(nodes, {}, '@remotemedia/node-format');
    expect(md).toContain(
      '| `format`     | `"f32" \\| "s16" \\| "s24" \\| "s32" \\| "u8"` | `"f32"`',
    );
    expect(md).toContain('| `channels`   | `number`');
    expect(md).toContain(
      '- Outputs: `audio` (audio): The frame with the target channel count; `pcm` (bytes)',
    );
  });
});
