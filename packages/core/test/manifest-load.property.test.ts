// loadManifest takes a manifest's text or its file: text read from any file gives what the same
// text gives to parseManifest (named by the file), and a path nothing can be read from is ERR_IO.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { holdsAsync, IO_PROPERTY_TIMEOUT_MS } from '../../../tools/testing/property.js';
import { loadManifest, parseManifest } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'manifest-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The manifest or the refusal (code and message) that `read` settles to. */
async function settled(read: () => unknown): Promise<unknown> {
  try {
    return { manifest: await read() };
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    expect(['ERR_MANIFEST', 'ERR_IO']).toContain(code);
    return { code, message };
  }
}

const manifestText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('version: 1\nnodes: []\nconnections: []\n', '{"version": 1, "nodes": []}'),
);

describe('loadManifest from text and files', () => {
  it(
    'text given inline or in a file loads as parseManifest parses it',
    async () => {
      await holdsAsync(
        'loadManifest (text, files)',
        fc.asyncProperty(manifestText, fc.constantFrom('.yaml', '.json'), async (text, ext) => {
          const file = join(dir, `manifest${ext}`);
          writeFileSync(file, text);
          expect(await settled(() => loadManifest(file))).toEqual(
            await settled(() => parseManifest(text, file)),
          );
          const inline = `${text}\n`;
          expect(await settled(() => loadManifest(inline))).toEqual(
            await settled(() => parseManifest(inline)),
          );
        }),
      );
    },
    IO_PROPERTY_TIMEOUT_MS,
  );

  it(
    'a path nothing can be read from is ERR_IO naming it',
    async () => {
      const name = fc.stringMatching(/^[^\n{/\\\0]{0,12}$/).filter((s) => !/^\s/.test(s));
      await holdsAsync(
        'loadManifest (missing files)',
        fc.asyncProperty(name, async (base) => {
          const path = join(dir, 'missing', base);
          const result = (await settled(() => loadManifest(path))) as {
            code?: string;
            message?: string;
          };
          expect(result.code).toBe('ERR_IO');
          expect(result.message).toContain(`cannot read manifest '${path}'`);
        }),
      );
    },
    IO_PROPERTY_TIMEOUT_MS,
  );
});
