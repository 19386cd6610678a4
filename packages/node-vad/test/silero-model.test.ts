// The Silero weights ship once, in this package's model/ folder, and are read when the first
// Silero engine is made: a missing file is ERR_IO naming it and saying what to do, and leaves
// the package usable (webrtc needs no model; Silero works once the file is there). Needs a process
// of its own (vitest's default per file): the model is loaded once per process.
import { readFileSync } from 'node:fs';
import { platformSuffix } from '@remotemedia/native';
import { describe, expect, it } from 'vitest';
import { detectSegments, Vad } from '../src/index.js';
import { binding, SILERO_MODEL_FILE } from '../src/native.js';

describe('the Silero model file', () => {
  it('is in the package, not in the native binary', () => {
    const model = readFileSync(SILERO_MODEL_FILE);
    expect(model.length).toBeGreaterThan(1_000_000);
    const addon = readFileSync(new URL(`../vad.${platformSuffix()}.node`, import.meta.url));
    // The first and the last weights (past the 8-byte header) appear nowhere in the binary.
    for (const weights of [model.subarray(8, 72), model.subarray(model.length - 64)]) {
      expect(addon.indexOf(weights)).toBe(-1);
    }
  });

  it('missing: ERR_IO that names the file and says what to do, until it is there', () => {
    binding.setSileroModelFile(`${SILERO_MODEL_FILE}.missing`);
    let caught: unknown;
    try {
      new Vad({ sampleRate: 16_000, engine: 'silero' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'ERR_IO' });
    expect((caught as Error).message).toContain('silero_vad_v6.bin.missing');
    expect((caught as Error).message).toMatch(/reinstall/);
    expect(() =>
      detectSegments(new Float32Array(16_000), { sampleRate: 16_000, engine: 'silero' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_IO' }));
    expect(new Vad({ sampleRate: 16_000 }).process(new Float32Array(480))).toHaveLength(1);

    binding.setSileroModelFile(SILERO_MODEL_FILE);
    expect(
      new Vad({ sampleRate: 16_000, engine: 'silero' }).process(new Float32Array(1_024)),
    ).toHaveLength(2);
  });
});
